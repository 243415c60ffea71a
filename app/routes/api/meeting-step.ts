import { z } from "zod";
import type { Route } from "./+types/meeting-step";
import { getMeeting, lockAgenda, publishMinutes } from "~/modules/meetings/meetings.server";
import { requireUser } from "~/modules/auth/session.server";
import { allowMethods, handleApi, json, parseBody } from "~/utils/api.server";
import { notFound } from "~/utils/errors";

const bodySchema = z.strictObject({ expectedVersion: z.number().int().min(1).optional() });

/** POST /api/v1/meetings/:id/(lock|minutes). Without expectedVersion the current version is used. */
export async function action({ request, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request);
    const text = await request.text();
    const body = parseBody(bodySchema, text.trim() ? safeJson(text) : {});
    const meetingId = params.id;
    const expectedVersion = body.expectedVersion ?? (await getMeeting({ user, meetingId })).version;
    if (params.step === "lock") return json(await lockAgenda({ user, meetingId, expectedVersion }));
    if (params.step === "minutes") return json(await publishMinutes({ user, meetingId, expectedVersion }));
    throw notFound();
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
