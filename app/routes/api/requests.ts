import type { Route } from "./+types/requests";
import { draftIntakeSchema, listQuerySchema, nonEmptyParams } from "~/modules/requests/request.schema";
import { createRequest, getRequestView, listRequests } from "~/modules/requests/requests.server";
import { requireUser } from "~/modules/auth/session.server";
import { allowMethods, handleApi, json, parseBody, readJson } from "~/utils/api.server";

export async function loader({ request, url, context }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    const query = parseBody(listQuerySchema, nonEmptyParams(url.searchParams));
    return json(await listRequests({ user, query }));
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request, context);
    const fields = parseBody(draftIntakeSchema, await readJson(request));
    const created = await createRequest({ user, fields });
    return json(await getRequestView({ user, requestId: created.id }), 201);
  });
}
