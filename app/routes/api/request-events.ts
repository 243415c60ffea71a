import type { Route } from "./+types/request-events";
import { eventBodySchema } from "~/modules/requests/request.schema";
import { assertVisibleRequest, sendRequestEvent } from "~/modules/requests/requests.server";
import { requireUser } from "~/modules/auth/session.server";
import { allowMethods, handleApi, json, parseBody, readJson } from "~/utils/api.server";

export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request, context);
    await assertVisibleRequest(user, params.id); // 404 before body validation for outsiders
    const body = parseBody(eventBodySchema, await readJson(request));
    return json(await sendRequestEvent({ user, requestId: params.id, body }));
  });
}
