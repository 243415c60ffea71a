/**
 * The paths real meetings take (API.md "Meeting corrections"): edit the meeting while its agenda is
 * open, unlock a locked agenda while nothing is decided, cancel a meeting, take one item off an open
 * agenda. Each is one transaction guarded by the meeting's version and audited with its reason; every
 * request it touches moves through the machine (UNSCHEDULE through `applyRequestEvent`), never by
 * editing rows.
 */
import { appendAuditEvent } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { applyClientEvent, sendRequestEvent } from "~/modules/requests/requests.server";
import { now } from "~/utils/clock";
import { db, type Tx } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import type { UpdateMeeting } from "./meeting.schema";
import { guardedMeetingUpdate, parseAttendees, refusePastDate, requireSecretariat } from "./meetings.server";

async function currentVersion(tx: Tx, meetingId: string, expectedVersion: number | undefined): Promise<number> {
  if (expectedVersion !== undefined) return expectedVersion;
  const meeting = await tx.meeting.findUnique({ where: { id: meetingId }, select: { version: true } });
  if (!meeting) throw notFound();
  return meeting.version;
}

/** Date, start time, title, place and attendees, while the agenda is not locked (a postponed meeting). */
export async function updateMeeting({
  user,
  meetingId,
  expectedVersion,
  changes,
}: {
  user: CurrentUser;
  meetingId: string;
  expectedVersion?: number;
  changes: UpdateMeeting;
}) {
  requireSecretariat(user);
  return db.$transaction(async (tx) => {
    const meeting = await tx.meeting.findUnique({ where: { id: meetingId } });
    if (!meeting) throw notFound();
    const before: Record<string, unknown> = { ...meeting, attendees: parseAttendees(meeting.attendees) };
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      if (JSON.stringify(before[field] ?? null) !== JSON.stringify(value)) diff[field] = { from: before[field] ?? null, to: value };
    }
    if (Object.keys(diff).length === 0) throw new AppError("VALIDATION_FAILED", 422, "deliberation.meeting.error.nothingChanged");
    if (diff.date) refusePastDate(String(diff.date.to));
    const version = await currentVersion(tx, meetingId, expectedVersion);
    const data: Record<string, unknown> = Object.fromEntries(Object.entries(diff).map(([field, d]) => [field, d.to]));
    if (data.attendees) data.attendees = JSON.stringify(data.attendees);
    await guardedMeetingUpdate(tx, meetingId, version, data, { status: "planning" });
    await appendAuditEvent(tx, {
      requestId: null,
      actorId: user.id,
      type: "MEETING_UPDATED",
      fromState: "planning",
      toState: "planning",
      payload: { meetingId, changes: diff },
    });
    return { version: version + 1, changed: Object.keys(diff) };
  });
}

/** Unlocks a locked agenda while no decision is recorded on it (items can then be changed again). */
/** A correction of a meeting: by whom, which meeting (at the version the page showed) and why. */
type Correction = { user: CurrentUser; meetingId: string; expectedVersion?: number; reason: string };

export async function unlockAgenda({ user, meetingId, expectedVersion, reason }: Correction) {
  requireSecretariat(user);
  return db.$transaction(async (tx) => {
    const version = await currentVersion(tx, meetingId, expectedVersion);
    if ((await tx.decision.count({ where: { meetingId } })) > 0) throw new AppError("EVENT_NOT_ALLOWED", 422, "deliberation.meeting.error.hasDecisions");
    await guardedMeetingUpdate(tx, meetingId, version, { status: "planning", lockedAt: null }, { status: "agendaLocked" });
    await appendAuditEvent(tx, {
      requestId: null,
      actorId: user.id,
      type: "AGENDA_UNLOCKED",
      fromState: "agendaLocked",
      toState: "planning",
      payload: { meetingId, reason: reason.trim() },
    });
    return { status: "planning", version: version + 1 };
  });
}

/**
 * Cancels a meeting that has no decision (planning or locked): the meeting keeps its number and record,
 * and every item on its agenda goes back through the machine (UNSCHEDULE: joint planning, or the
 * decision in force for a reconsideration), in the same transaction.
 */
export async function cancelMeeting({ user, meetingId, expectedVersion, reason }: Correction) {
  requireSecretariat(user);
  return db.$transaction(async (tx) => {
    const version = await currentVersion(tx, meetingId, expectedVersion);
    if ((await tx.decision.count({ where: { meetingId } })) > 0) throw new AppError("EVENT_NOT_ALLOWED", 422, "deliberation.meeting.error.hasDecisions");
    const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { status: true } });
    await guardedMeetingUpdate(
      tx,
      meetingId,
      version,
      { status: "cancelled", cancelledAt: now(), cancelReason: reason.trim() },
      { status: { in: ["planning", "agendaLocked"] } },
    );
    const items = await tx.agendaItem.findMany({ where: { meetingId, removedAt: null }, orderBy: { position: "asc" }, select: { requestId: true } });
    await appendAuditEvent(tx, {
      requestId: null,
      actorId: user.id,
      type: "MEETING_CANCELLED",
      fromState: meeting.status,
      toState: "cancelled",
      payload: { meetingId, reason: reason.trim(), requestIds: items.map((i) => i.requestId) },
    });
    for (const { requestId } of items) {
      await applyClientEvent(tx, { user, requestId, clientEvent: { type: "UNSCHEDULE", reason }, auditPayload: { meetingCancelled: meetingId } });
    }
    return { status: "cancelled", version: version + 1, returned: items.length };
  });
}

/** Takes one request off an unlocked agenda with a reason: the UNSCHEDULE event (API DELETE …/agenda/:requestId). */
export async function removeFromAgenda({
  user,
  meetingId,
  requestId,
  reason,
  expectedVersion,
}: {
  user: CurrentUser;
  meetingId: string;
  requestId: string;
  reason: string;
  expectedVersion?: number;
}) {
  requireSecretariat(user);
  const item = await db.agendaItem.findFirst({
    where: { meetingId, requestId, removedAt: null },
    select: { id: true, request: { select: { version: true } } },
  });
  if (!item) throw notFound();
  return sendRequestEvent({ user, requestId, body: { type: "UNSCHEDULE", reason, expectedVersion: expectedVersion ?? item.request.version } });
}
