import type { Route } from "./+types/request-decisions";
import { requestDecisions } from "~/modules/meetings/signoffs.server";
import { listConditions } from "~/modules/conditions/conditions.server";
import { requireUser } from "~/modules/auth/session.server";
import { handleApi, json } from "~/utils/api.server";

/** The decisions recorded on a request, their sign-offs, and the conditions in force. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    const decisions = await requestDecisions({ user, requestId: params.id });
    return json({ ...decisions, conditions: await listConditions({ user, requestId: params.id }) });
  });
}
