import type { Route } from "./+types/request-comments";
import { addComment, commentBodySchema, listComments } from "~/modules/comments/comments.server";
import { requireUser } from "~/modules/auth/session.server";
import { allowMethods, handleApi, json, parseBody, readJson } from "~/utils/api.server";

/** GET /api/v1/requests/:id/comments → { items }: the request's discussion thread, oldest first (404 outside the caller's scope). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    return json({ items: await listComments({ user, requestId: params.id }) });
  });
}

/** POST { body } → 201 the comment; audited; notifies the other side. */
export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request, context);
    const { body } = parseBody(commentBodySchema, await readJson(request));
    return json(await addComment({ user, requestId: params.id, body }), 201);
  });
}
