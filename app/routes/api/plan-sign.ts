import type { Route } from "./+types/plan-sign";
import { signPlanSchema } from "~/modules/plans/plan.schema";
import { getPlan, signPlan } from "~/modules/plans/plans.server";
import { requireUser } from "~/modules/auth/session.server";
import { findVisibleRequest } from "~/modules/requests/requests.server";
import { allowMethods, handleApi, json, parseBody, readJson } from "~/utils/api.server";

export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request, context);
    await findVisibleRequest(user, params.id);
    const { expectedRevision } = parseBody(signPlanSchema, await readJson(request));
    await signPlan({ user, requestId: params.id, expectedRevision });
    return json(await getPlan({ user, requestId: params.id }));
  });
}
