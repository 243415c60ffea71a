import type { Route } from "./+types/allocations-commit";
import { requireUser } from "~/modules/auth/session.server";
import { commitPlan } from "~/modules/pool/allocations.server";
import { commitPlanSchema } from "~/modules/pool/pool.schema";
import { allowMethods, handleApi, json, parseBody, readJson } from "~/utils/api.server";

/** POST /api/v1/allocations/commit `{ allocations: [...] }` (SECRETARIAT) → 201, all or nothing. */
export async function action({ request, context }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request, context);
    const input = parseBody(commitPlanSchema, await readJson(request));
    return json(await commitPlan({ user, input }), 201);
  });
}
