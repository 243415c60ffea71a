import { z } from "zod";
import type { Route } from "./+types/meeting-step";
import { cancelMeeting, unlockAgenda } from "~/modules/meetings/meeting-corrections.server";
import { reasonSchema } from "~/modules/meetings/meeting.schema";
import { getMeeting, lockAgenda, publishMinutes } from "~/modules/meetings/meetings.server";
import { requireUser } from "~/modules/auth/session.server";
import { allowMethods, handleApi, json, parseBody, readOptionalJson } from "~/utils/api.server";
import { notFound } from "~/utils/errors";

const bodySchema = z.strictObject({ expectedVersion: z.number().int().min(1).optional() });

/**
 * POST /api/v1/meetings/:id/(lock|minutes|unlock|cancel). Without expectedVersion the current version
 * is used; unlock and cancel need `{ reason }` (API.md "Meeting corrections").
 */
export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request, context);
    const raw = await readOptionalJson(request);
    const meetingId = params.id;
    if (params.step === "unlock" || params.step === "cancel") {
      const { reason, expectedVersion } = parseBody(reasonSchema, raw);
      const correct = params.step === "unlock" ? unlockAgenda : cancelMeeting;
      return json(await correct({ user, meetingId, expectedVersion, reason }));
    }
    if (params.step !== "lock" && params.step !== "minutes") throw notFound();
    const body = parseBody(bodySchema, raw);
    const expectedVersion = body.expectedVersion ?? (await getMeeting({ user, meetingId })).version;
    if (params.step === "lock") return json(await lockAgenda({ user, meetingId, expectedVersion }));
    return json(await publishMinutes({ user, meetingId, expectedVersion }));
  });
}
