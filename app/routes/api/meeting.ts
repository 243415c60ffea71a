import type { Route } from "./+types/meeting";
import { updateMeeting } from "~/modules/meetings/meeting-corrections.server";
import { updateMeetingSchema } from "~/modules/meetings/meeting.schema";
import { getMeeting } from "~/modules/meetings/meetings.server";
import { requireUser } from "~/modules/auth/session.server";
import { handleApi, json, parseBody, readJson } from "~/utils/api.server";
import { AppError } from "~/utils/errors";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    return json(await getMeeting({ user, meetingId: params.id }));
  });
}

/** PATCH: date, start time, title, place, attendees while the agenda is not locked. */
export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    if (request.method !== "PATCH") throw new AppError("BAD_REQUEST", 405, "error.methodNotAllowed");
    await getMeeting({ user, meetingId: params.id }); // 404 for officers and unknown meetings before the body
    const { expectedVersion, ...changes } = parseBody(updateMeetingSchema, await readJson(request));
    await updateMeeting({ user, meetingId: params.id, expectedVersion, changes });
    return json(await getMeeting({ user, meetingId: params.id }));
  });
}
