import type { Route } from "./+types/meeting-agenda-item";
import { removeFromAgenda } from "~/modules/meetings/meeting-corrections.server";
import { reasonSchema } from "~/modules/meetings/meeting.schema";
import { getMeeting } from "~/modules/meetings/meetings.server";
import { requireUser } from "~/modules/auth/session.server";
import { handleApi, json, parseBody, readJson } from "~/utils/api.server";
import { AppError } from "~/utils/errors";

/**
 * DELETE /api/v1/meetings/:id/agenda/:requestId `{ reason }`: takes the item off an unlocked agenda (the
 * UNSCHEDULE event; `expectedVersion` is the request's). The item's row and 의안번호 stay on record.
 */
export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    if (request.method !== "DELETE") throw new AppError("BAD_REQUEST", 405, "error.methodNotAllowed");
    await getMeeting({ user, meetingId: params.id }); // officers: 404
    const { reason, expectedVersion } = parseBody(reasonSchema, await readJson(request));
    const result = await removeFromAgenda({ user, meetingId: params.id, requestId: params.requestId, reason, expectedVersion });
    return json({ request: { id: params.requestId, ...result } });
  });
}
