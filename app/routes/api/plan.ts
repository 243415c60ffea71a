import type { Route } from "./+types/plan";
import { putPlanSchema } from "~/modules/plans/plan.schema";
import { getPlan, savePlan } from "~/modules/plans/plans.server";
import { requireUser } from "~/modules/auth/session.server";
import { findVisibleRequest } from "~/modules/requests/requests.server";
import { handleApi, json, parseBody, readJson } from "~/utils/api.server";
import { AppError } from "~/utils/errors";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    return json(await getPlan({ user, requestId: params.id }));
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    if (request.method !== "PUT") throw new AppError("BAD_REQUEST", 405, "error.methodNotAllowed");
    await findVisibleRequest(user, params.id);
    const { expectedRevision, ...sections } = parseBody(putPlanSchema, await readJson(request));
    await savePlan({ user, requestId: params.id, expectedRevision, sections });
    return json(await getPlan({ user, requestId: params.id }));
  });
}
