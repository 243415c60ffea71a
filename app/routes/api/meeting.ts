import type { Route } from "./+types/meeting";
import { getMeeting } from "~/modules/meetings/meetings.server";
import { requireUser } from "~/modules/auth/session.server";
import { handleApi, json } from "~/utils/api.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request);
    return json(await getMeeting({ user, meetingId: params.id }));
  });
}
