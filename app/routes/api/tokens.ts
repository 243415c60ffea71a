import type { Route } from "./+types/tokens";
import { createApiTokenSchema, revokeApiTokenSchema } from "~/modules/auth/auth.schema";
import { createApiToken, listApiTokens, refuseTokenAuthenticated, revokeApiToken } from "~/modules/auth/api-token.server";
import { requireUser } from "~/modules/auth/session.server";
import { handleApi, json, parseBody, readJson } from "~/utils/api.server";
import { AppError } from "~/utils/errors";

/** GET: the caller's live personal API tokens (never the secret). Only from a signed-in session. */
export async function loader({ request, context }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    refuseTokenAuthenticated(request);
    return json({ items: await listApiTokens({ user }) });
  });
}

/**
 * POST { name, expiresInDays? } creates a token (shown once; 90 days unless told, at most 365);
 * DELETE { id } revokes one of the caller's tokens. A token-authenticated call → 403.
 */
export async function action({ request, context }: Route.ActionArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    refuseTokenAuthenticated(request);
    if (request.method === "POST") {
      const input = parseBody(createApiTokenSchema, await readJson(request));
      return json(await createApiToken({ user, ...input }), 201);
    }
    if (request.method === "DELETE") {
      const { id } = parseBody(revokeApiTokenSchema, await readJson(request));
      await revokeApiToken({ user, tokenId: id });
      return new Response(null, { status: 204 });
    }
    throw new AppError("BAD_REQUEST", 405, "error.methodNotAllowed");
  });
}
