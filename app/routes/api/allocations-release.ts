import type { Route } from "./+types/allocations-release";
import { requireUser } from "~/modules/auth/session.server";
import { releaseAllocation } from "~/modules/pool/allocations.server";
import { allowMethods, handleApi, json } from "~/utils/api.server";

/** POST /api/v1/allocations/:id/release (SECRETARIAT): the GPUs go back to the tranche. */
export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request, context);
    return json(await releaseAllocation({ user, allocationId: params.id }));
  });
}
