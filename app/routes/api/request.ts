import type { Route } from "./+types/request";
import { patchRequestSchema } from "~/modules/requests/request.schema";
import { getRequestView, updateRequest } from "~/modules/requests/requests.server";
import { requireUser } from "~/modules/auth/session.server";
import { handleApi, json, parseBody, readJson } from "~/utils/api.server";
import { AppError } from "~/utils/errors";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    return json(await getRequestView({ user, requestId: params.id }));
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    if (request.method !== "PATCH") throw new AppError("BAD_REQUEST", 405, "error.methodNotAllowed");
    const { expectedVersion, ...fields } = parseBody(patchRequestSchema, await readJson(request));
    await updateRequest({ user, requestId: params.id, expectedVersion, fields });
    return json(await getRequestView({ user, requestId: params.id }));
  });
}
