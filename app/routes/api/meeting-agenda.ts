import type { Route } from "./+types/meeting-agenda";
import { addAgendaItemSchema, reorderAgendaSchema } from "~/modules/meetings/meeting.schema";
import { addToAgenda, getMeeting, reorderAgenda } from "~/modules/meetings/meetings.server";
import { requireUser } from "~/modules/auth/session.server";
import { handleApi, json, parseBody, readJson } from "~/utils/api.server";
import { AppError } from "~/utils/errors";

/** POST adds a request (the SCHEDULE event); PUT reorders the whole agenda. */
export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    const meetingId = params.id;
    if (request.method === "POST") {
      const { requestId, expectedVersion } = parseBody(addAgendaItemSchema, await readJson(request));
      const result = await addToAgenda({ user, meetingId, requestId, expectedVersion });
      return json({ request: { id: requestId, ...result }, meeting: await summary(user, meetingId) }, 201);
    }
    if (request.method === "PUT") {
      const body = parseBody(reorderAgendaSchema, await readJson(request));
      await reorderAgenda({ user, meetingId, ...body });
      return json(await summary(user, meetingId));
    }
    throw new AppError("BAD_REQUEST", 405, "error.methodNotAllowed");
  });
}

async function summary(user: Parameters<typeof getMeeting>[0]["user"], meetingId: string) {
  const m = await getMeeting({ user, meetingId });
  return { id: m.id, status: m.status, version: m.version, items: m.items.map((i) => ({ position: i.position, requestId: i.request.id })) };
}
