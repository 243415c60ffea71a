import { z } from "zod";
import type { Route } from "./+types/tokens";
import { createApiToken, listApiTokens, revokeApiToken } from "~/modules/auth/api-token.server";
import { requireUser } from "~/modules/auth/session.server";
import { handleApi, json, parseBody, readJson } from "~/utils/api.server";
import { AppError } from "~/utils/errors";

/** GET: the caller's personal API tokens (never the secret). */
export async function loader({ request }: Route.LoaderArgs) {
  return handleApi(request, async () => json({ items: await listApiTokens({ user: await requireUser(request) }) }));
}

/** POST { name } creates a token (shown once); DELETE { id } revokes one of the caller's tokens. */
export async function action({ request }: Route.ActionArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request);
    if (request.method === "POST") {
      const { name } = parseBody(z.strictObject({ name: z.string().trim().min(1).max(100) }), await readJson(request));
      return json(await createApiToken({ user, name }), 201);
    }
    if (request.method === "DELETE") {
      const { id } = parseBody(z.strictObject({ id: z.string().min(1) }), await readJson(request));
      await revokeApiToken({ user, tokenId: id });
      return new Response(null, { status: 204 });
    }
    throw new AppError("BAD_REQUEST", 405, "error.methodNotAllowed");
  });
}
