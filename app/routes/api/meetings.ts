import type { Route } from "./+types/meetings";
import { createMeetingSchema } from "~/modules/meetings/meeting.schema";
import { createMeeting, listMeetings } from "~/modules/meetings/meetings.server";
import { requireUser } from "~/modules/auth/session.server";
import { allowMethods, handleApi, json, parseBody, readJson } from "~/utils/api.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    return json(await listMeetings({ user }));
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request, context);
    const input = parseBody(createMeetingSchema, await readJson(request));
    return json(await createMeeting({ user, input }), 201);
  });
}
