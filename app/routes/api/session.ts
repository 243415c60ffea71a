import type { Route } from "./+types/session";
import { signOutApiToken } from "~/modules/auth/api-token.server";
import { signInSchema } from "~/modules/auth/auth.schema";
import { signIn, signOut } from "~/modules/auth/session.server";
import { handleApi, json, parseBody, readJson } from "~/utils/api.server";
import { AppError } from "~/utils/errors";
import { clientIpContext } from "~/utils/request-context.server";

/** POST /api/v1/session signs in; DELETE signs out (revokes the server-side session). */
export async function action({ request, context }: Route.ActionArgs) {
  return handleApi(request, async () => {
    if (request.method === "POST") {
      const body = parseBody(signInSchema, await readJson(request));
      const { user, setCookie } = await signIn({ ...body, clientKey: context.get(clientIpContext) });
      return json(
        {
          user: {
            id: user.id,
            email: user.email,
            name: user.name,
            role: user.role,
            isChair: user.isChair,
            organization: { code: user.organization.code, name: user.organization.nameKo, nameEn: user.organization.nameEn },
          },
        },
        { headers: { "Set-Cookie": setCookie } },
      );
    }
    if (request.method === "DELETE") {
      // with a token: that token ends; with the cookie: the session ends
      if (await signOutApiToken(request)) return new Response(null, { status: 204 });
      return new Response(null, { status: 204, headers: { "Set-Cookie": await signOut(request, { clientKey: context.get(clientIpContext) }) } });
    }
    throw new AppError("BAD_REQUEST", 405, "error.methodNotAllowed");
  });
}
