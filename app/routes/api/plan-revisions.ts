import type { Route } from "./+types/plan-revisions";
import { planRevisions } from "~/modules/plans/plans.server";
import { requireUser } from "~/modules/auth/session.server";
import { handleApi, json } from "~/utils/api.server";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    return json(await planRevisions({ user, requestId: params.id }));
  });
}
