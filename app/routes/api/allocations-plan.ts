import type { Route } from "./+types/allocations-plan";
import { requireUser } from "~/modules/auth/session.server";
import { proposeSchedule } from "~/modules/pool/planning.server";
import { planRequestSchema } from "~/modules/pool/pool.schema";
import { allowMethods, handleApi, json, parseBody, readOptionalJson } from "~/utils/api.server";

/**
 * POST /api/v1/allocations/plan `{ requestIds? }` (SECRETARIAT) → a proposed schedule, nothing
 * written. Without ids: every approved request not fully allocated; with ids: exactly those, the
 * ones still under deliberation as if approved.
 */
export async function action({ request, context }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request, context);
    const { requestIds } = parseBody(planRequestSchema, await readOptionalJson(request));
    return json(await proposeSchedule({ user, requestIds }));
  });
}
