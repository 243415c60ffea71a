/**
 * Meetings of the Science and Technology Ministers' Meeting and their agendas (안건).
 *
 * A meeting goes planning → agendaLocked → held (first decision recorded) → minutesPublished, or is
 * cancelled before any decision. Putting a request on the agenda IS the SCHEDULE event and recording a
 * decision IS the DECIDE event: both go through `sendRequestEvent`, so the page, the API and the
 * machine agree. Meeting-level changes (create, reorder, lock, publish) are guarded by the meeting's
 * version and audited; corrections (edit, unlock, cancel, take an item off) are in
 * `meeting-corrections.server.ts`.
 */
import type { RequestContext } from "#workflows/demand-request.machine";
import { appendAuditEvent } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { findVisibleRequest, sendRequestEvent } from "~/modules/requests/requests.server";
import { Prisma } from "~/generated/prisma/client";
import { db, type Tx } from "~/utils/db.server";
import { memoUntilWrite } from "~/utils/lean-read.server";
import { stateCounts } from "~/modules/requests/state-counts.server";
import { AppError, forbidden, notFound } from "~/utils/errors";
import { meetingHasBeenHeld } from "./event-rows.server";
import type { CreateMeeting } from "./meeting.schema";
import { now, todayInKorea } from "~/utils/clock";
import { can } from "~/modules/auth/permissions";
import { distinctIds, whenAny } from "~/utils/distinct";

/** Officers see their own requests, not the cross-ministry agendas. */
export function requireMeetingReader(user: CurrentUser) {
  if (!can(user, "meeting:read")) throw notFound();
}
export function requireSecretariat(user: CurrentUser) {
  requireMeetingReader(user);
  if (!can(user, "meeting:manage")) throw forbidden();
}

function meetingConflict(current: { status: string; version: number } | null): AppError {
  return new AppError("VERSION_CONFLICT", 409, "error.versionConflict", undefined, { current });
}

/** A meeting is never set to a day that has passed (Korean calendar). */
export function refusePastDate(date: string) {
  const today = todayInKorea();
  if (date < today) {
    throw new AppError("VALIDATION_FAILED", 422, "deliberation.meeting.error.datePast", { today }, { fields: { date: `not before ${today}` } });
  }
}

export const parseAttendees = (stored: string): string[] => {
  try {
    const list: unknown = JSON.parse(stored);
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};

export async function guardedMeetingUpdate(
  tx: Tx,
  meetingId: string,
  expectedVersion: number,
  data: Record<string, unknown>,
  where: Record<string, unknown> = {},
) {
  const { count } = await tx.meeting.updateMany({
    where: { id: meetingId, version: expectedVersion, ...where },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) {
    const current = await tx.meeting.findUnique({ where: { id: meetingId }, select: { status: true, version: true } });
    if (!current) throw notFound();
    if (current.version !== expectedVersion) throw meetingConflict(current);
    throw new AppError("EVENT_NOT_ALLOWED", 422, "meeting.error.wrongStatus");
  }
}

export async function createMeeting({ user, input }: { user: CurrentUser; input: CreateMeeting }) {
  requireSecretariat(user);
  refusePastDate(input.date);
  const { attendees = [], ...fields } = input;
  return db.$transaction(async (tx) => {
    const taken = await tx.meeting.findUnique({ where: { number: input.number }, select: { id: true } });
    if (taken) throw new AppError("CONFLICT", 409, "meeting.error.numberTaken", { number: input.number });
    const created = await tx.meeting.create({ data: { ...fields, attendees: JSON.stringify(attendees), createdById: user.id } });
    await appendAuditEvent(tx, {
      requestId: null,
      actorId: user.id,
      type: "MEETING_CREATED",
      fromState: null,
      toState: "planning",
      payload: { meetingId: created.id, ...input, attendees },
    });
    return { ...created, attendees };
  });
}

export async function listMeetings({ user }: { user: CurrentUser }) {
  requireMeetingReader(user);
  // the same for every reader: kept until the next commit (ADR 0029), read-only for callers
  return memoUntilWrite("meetings", "", readMeetings);
}

async function readMeetings() {
  const meetings = await db.meeting.findMany({
    orderBy: { number: "desc" },
    include: { _count: { select: { items: { where: { removedAt: null } }, decisions: true } } },
  });
  return meetings.map(({ _count, attendees, ...m }) => ({
    ...m,
    attendees: parseAttendees(attendees),
    itemCount: _count.items,
    decisionCount: _count.decisions,
  }));
}

/**
 * The meeting with its agenda in order: each item's request, plan figures and decisions (every version
 * of an amended one), and the items that left the agenda before a decision (`removedItems`).
 */
export async function getMeeting({ user, meetingId }: { user: CurrentUser; meetingId: string }) {
  requireMeetingReader(user);
  return loadMeeting(meetingId);
}

/**
 * The minutes: the whole meeting for the secretariat and approvers; for a ministry officer, only once
 * published and only their own ministry's items (404 when none of them is on it).
 */
export async function getMinutes({ user, meetingId }: { user: CurrentUser; meetingId: string }) {
  if (can(user, "meeting:read")) return loadMeeting(meetingId);
  const meeting = await loadMeeting(meetingId);
  const own = (item: { request: { organizationId: string } }) => item.request.organizationId === user.organization.id;
  const items = meeting.items.filter(own);
  if (meeting.status !== "minutesPublished" || items.length === 0) throw notFound();
  return { ...meeting, items, removedItems: meeting.removedItems.filter(own), ownItemsOnly: true };
}

async function loadMeeting(meetingId: string) {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    include: {
      items: {
        orderBy: { position: "asc" },
        include: {
          request: {
            select: {
              id: true,
              reference: true,
              title: true,
              state: true,
              version: true,
              sector: true,
              domain: true,
              gpusRequested: true,
              approvedGpus: true,
              problemStatement: true,
              expectedOutcomes: true,
              npuCapable: true,
              snapshot: true,
              organizationId: true,
              organization: { select: { code: true, nameKo: true, nameEn: true } },
              plan: { select: { agreedGpus: true, revision: true } },
            },
          },
        },
      },
      decisions: {
        orderBy: { createdAt: "asc" },
        include: { signoffs: { orderBy: { at: "asc" } }, conditions: { orderBy: { dueOn: "asc" } } },
      },
    },
  });
  if (!meeting) throw notFound();
  const approverIds = [...new Set(meeting.decisions.flatMap((d) => d.signoffs.map((s) => s.approverId)))];
  const approvers = await whenAny(approverIds, (ids) => db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }));
  const names = new Map(approvers.map((a) => [a.id, a.name]));
  const items = meeting.items.map((item) => {
    const { snapshot, plan, organization, ...request } = item.request;
    const context = (JSON.parse(snapshot) as { context: RequestContext }).context;
    const decisions = meeting.decisions
      .filter((d) => d.requestId === request.id)
      .map((d) => ({
        ...d,
        signoffs: d.signoffs.map((s) => ({ ...s, approverName: names.get(s.approverId) ?? null })),
        // conditions become rows when the decision takes effect; until then they are in the request's context
        proposedConditions: d.status === "awaiting" && context.decision ? context.decision.conditions : [],
      }));
    return {
      id: item.id,
      position: item.position,
      /** 의안번호 within the meeting (제N회-k) */
      number: item.number,
      reconsideration: item.reconsideration,
      removedAt: item.removedAt,
      removal: item.removal,
      removalReason: item.removalReason,
      request: {
        ...request,
        agreedGpus: plan?.agreedGpus ?? null,
        ministry: { code: organization.code, name: organization.nameKo, nameEn: organization.nameEn },
        // a decision can be recorded when the request waits on THIS meeting's agenda
        awaitingDecision: request.state === "onAgenda" && context.meetingId === meeting.id && !item.removedAt,
        // the recorded decision can be amended while it waits for signatures
        amendable: request.state === "awaitingSignoff" && context.decision?.meetingId === meeting.id,
      },
      // the version in force or waiting (an amended version is kept in `decisions`)
      decision: decisions.filter((d) => d.status !== "amended").at(-1) ?? null,
      decisions,
    };
  });
  const { items: _i, decisions: _d, attendees, ...rest } = meeting;
  return {
    ...rest,
    attendees: parseAttendees(attendees),
    items: items.filter((i) => !i.removedAt),
    removedItems: items.filter((i) => i.removedAt).sort((a, b) => a.number - b.number),
    held: meetingHasBeenHeld(meeting.date),
    ownItemsOnly: false,
  };
}

/** How many requests the agenda's picker lists (a select to choose from, not the whole pipeline). */
export const AGENDA_PICKER_MAX = 200;

const PICKER_STATES = ["jointPlanning", "onAgenda"];

const pickerSelect = {
  id: true,
  reference: true,
  title: true,
  state: true,
  version: true,
  gpusRequested: true,
  snapshot: true,
  submittedAt: true,
  organization: { select: { code: true, nameKo: true, nameEn: true } },
} as const;

/**
 * Requests the secretariat may put on an agenda: in joint planning, or on an agenda and sent back from it.
 * Those with a co-signed plan come first (they can be added), then those whose plan is not co-signed yet
 * (listed, disabled, with the reason); the longest waiting first in each; at most `AGENDA_PICKER_MAX`.
 * `inJointPlanning`: how many are in joint planning in all; `full`: the list stopped at its limit. At 100,000 requests (28,554 in joint planning)
 * reading them all, and their plans one by one, made a 13 MB page in 3 s: the co-signed ones are found in
 * one query, and only the listed ones are read.
 */
export async function eligibleRequests({ user }: { user: CurrentUser }) {
  requireSecretariat(user);
  const counts = await stateCounts({});
  // requests on an agenda may be left out below (not sent back): read that many more, so the list stays full
  const spare = counts.onAgenda ?? 0;
  const coSigned = await db.$queryRaw<{ id: string }[]>`SELECT r."id" FROM "DemandRequest" r JOIN "JointPlan" p ON p."requestId" = r."id"
    WHERE r."state" IN (${Prisma.join(PICKER_STATES)}) AND p."revision" > 0
      AND EXISTS (SELECT 1 FROM "JointPlanSignature" s WHERE s."planId" = p."id" AND s."revision" = p."revision" AND s."side" = 'MINISTRY')
      AND EXISTS (SELECT 1 FROM "JointPlanSignature" s WHERE s."planId" = p."id" AND s."revision" = p."revision" AND s."side" = 'MSIT')
    ORDER BY r."submittedAt" ASC, r."id" ASC
    LIMIT ${AGENDA_PICKER_MAX + spare}`;
  const rows = await db.demandRequest.findMany({
    where: { id: { in: coSigned.map((r) => r.id) } },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    select: pickerSelect,
  });
  type PickerRow = (typeof rows)[number];
  const result: (Omit<PickerRow, "snapshot" | "submittedAt" | "organization"> & {
    ministry: { code: string; name: string; nameEn: string };
    coSigned: boolean;
  })[] = [];
  // the first page is the co-signed ones, the second the others: no plan is read again per row
  const list = (page: PickerRow[], coSignedPlan: boolean) => {
    for (const row of page) {
      if (result.length >= AGENDA_PICKER_MAX) return;
      const context = (JSON.parse(row.snapshot) as { context: RequestContext }).context;
      // on an agenda already (and not sent back): not eligible again
      if (row.state === "onAgenda" && context.meetingId !== null) continue;
      const { snapshot: _s, submittedAt: _at, organization, ...request } = row;
      result.push({ ...request, ministry: { code: organization.code, name: organization.nameKo, nameEn: organization.nameEn }, coSigned: coSignedPlan });
    }
  };
  list(rows, true);
  // then those not co-signed yet, while there is room (all the co-signed ones were read then)
  if (result.length < AGENDA_PICKER_MAX) {
    // state by state, each from its (state, submittedAt) index, then merged: one query over both states
    // sorted all 28,554 rows in joint planning to return 200
    const take = AGENDA_PICKER_MAX - result.length + spare;
    const pages = await Promise.all(
      PICKER_STATES.map((state) =>
        db.demandRequest.findMany({
          where: { state, id: { notIn: coSigned.map((r) => r.id) } },
          orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
          select: pickerSelect,
          take,
        }),
      ),
    );
    const waited = (r: PickerRow) => `${r.submittedAt?.toISOString() ?? ""}|${r.id}`;
    const others = pages
      .flat()
      .sort((a, b) => (waited(a) < waited(b) ? -1 : waited(a) > waited(b) ? 1 : 0))
      .slice(0, take);
    list(others, false);
  }
  return { items: result, inJointPlanning: counts.jointPlanning ?? 0, full: result.length >= AGENDA_PICKER_MAX };
}

/** SCHEDULE: puts the request on this meeting's agenda (same as the event through the API). */
export async function addToAgenda({
  user,
  meetingId,
  requestId,
  expectedVersion,
}: {
  user: CurrentUser;
  meetingId: string;
  requestId: string;
  expectedVersion?: number;
}) {
  requireSecretariat(user);
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { id: true } });
  if (!meeting) throw notFound();
  const version = expectedVersion ?? (await db.demandRequest.findUnique({ where: { id: requestId }, select: { version: true } }))?.version;
  if (version === undefined) throw notFound();
  return sendRequestEvent({ user, requestId, body: { type: "SCHEDULE", meetingId, expectedVersion: version } });
}

/** New order of the whole agenda (every item exactly once), while the agenda is open. */
export async function reorderAgenda({
  user,
  meetingId,
  expectedVersion,
  requestIds,
}: {
  user: CurrentUser;
  meetingId: string;
  expectedVersion: number;
  requestIds: string[];
}) {
  requireSecretariat(user);
  return db.$transaction(async (tx) => {
    const items = await tx.agendaItem.findMany({ where: { meetingId, removedAt: null }, select: { id: true, requestId: true } });
    const current = new Set(items.map((i) => i.requestId));
    if (requestIds.length !== items.length || new Set(requestIds).size !== requestIds.length || requestIds.some((id) => !current.has(id))) {
      throw new AppError("VALIDATION_FAILED", 422, "meeting.error.orderMismatch");
    }
    await guardedMeetingUpdate(tx, meetingId, expectedVersion, {}, { status: "planning" });
    const byRequest = new Map(items.map((i) => [i.requestId, i.id]));
    // two passes so the positions never collide mid-way if a unique index is added later
    for (const [index, requestId] of requestIds.entries()) {
      await tx.agendaItem.update({ where: { id: byRequest.get(requestId)! }, data: { position: -(index + 1) } });
    }
    for (const [index, requestId] of requestIds.entries()) {
      await tx.agendaItem.update({ where: { id: byRequest.get(requestId)! }, data: { position: index + 1 } });
    }
    await appendAuditEvent(tx, {
      requestId: null,
      actorId: user.id,
      type: "AGENDA_REORDERED",
      fromState: "planning",
      toState: "planning",
      payload: { meetingId, order: requestIds },
    });
    return { version: expectedVersion + 1 };
  });
}

/** Locks the agenda: no new items; decisions may now be recorded. */
export async function lockAgenda({ user, meetingId, expectedVersion }: { user: CurrentUser; meetingId: string; expectedVersion: number }) {
  requireSecretariat(user);
  return db.$transaction(async (tx) => {
    const count = await tx.agendaItem.count({ where: { meetingId, removedAt: null } });
    if (count === 0) {
      if (!(await tx.meeting.findUnique({ where: { id: meetingId }, select: { id: true } }))) throw notFound();
      throw new AppError("EVENT_NOT_ALLOWED", 422, "meeting.error.emptyAgenda");
    }
    await guardedMeetingUpdate(tx, meetingId, expectedVersion, { status: "agendaLocked", lockedAt: now() }, { status: "planning" });
    await appendAuditEvent(tx, {
      requestId: null,
      actorId: user.id,
      type: "AGENDA_LOCKED",
      fromState: "planning",
      toState: "agendaLocked",
      payload: { meetingId, items: count },
    });
    return { status: "agendaLocked", version: expectedVersion + 1 };
  });
}

/**
 * Publishes the minutes once every item still on the agenda has a decision (a refused one counts: the
 * minutes record it as not confirmed). Items that left the agenda never block it.
 */
export async function publishMinutes({ user, meetingId, expectedVersion }: { user: CurrentUser; meetingId: string; expectedVersion: number }) {
  requireSecretariat(user);
  return db.$transaction(async (tx) => {
    const items = await tx.agendaItem.findMany({ where: { meetingId, removedAt: null }, select: { requestId: true } });
    const decided = await tx.decision.findMany({ where: { meetingId }, select: { requestId: true } });
    const decidedIds = new Set(decided.map((d) => d.requestId));
    const open = items.filter((i) => !decidedIds.has(i.requestId)).length;
    if (open > 0) throw new AppError("EVENT_NOT_ALLOWED", 422, "meeting.error.undecidedItems", { count: open });
    await guardedMeetingUpdate(tx, meetingId, expectedVersion, { status: "minutesPublished" }, { status: "held" });
    await appendAuditEvent(tx, {
      requestId: null,
      actorId: user.id,
      type: "MINUTES_PUBLISHED",
      fromState: "held",
      toState: "minutesPublished",
      payload: { meetingId },
    });
    return { status: "minutesPublished", version: expectedVersion + 1 };
  });
}

/**
 * The meetings a request has been on, for its own page (ministry officers included: only their own
 * request's items, never the rest of an agenda): 의안번호, meeting number, date, time, place, status,
 * whether the item is still on the agenda, and whether the minutes are published. `currentMeetingId`
 * is the meeting the machine has it on now (null after a refused sign-off, until it is re-scheduled).
 */
export async function meetingsOfRequest({ user, requestId }: { user: CurrentUser; requestId: string }) {
  const request = await findVisibleRequest(user, requestId);
  // the same for every reader who may see the request: kept until the next commit (ADR 0029)
  return memoUntilWrite(`meetings-of|${requestId}`, "", () => readMeetingsOf(request, requestId));
}

async function readMeetingsOf(request: { snapshot: string; state: string }, requestId: string) {
  const context = (JSON.parse(request.snapshot) as { context: RequestContext }).context;
  const rows = await db.agendaItem.findMany({
    where: { requestId },
    orderBy: { createdAt: "asc" },
    select: { id: true, number: true, reconsideration: true, removedAt: true, removal: true, removalReason: true, meetingId: true },
  });
  // the meetings and decisions only when it was ever on an agenda (a decision needs one; not an include: see groupedBy)
  const meetingIds = distinctIds(rows.map((i) => i.meetingId));
  const [meetings, decisions] = await Promise.all([
    whenAny(meetingIds, (ids) =>
      db.meeting.findMany({
        where: { id: { in: ids } },
        select: { id: true, number: true, title: true, date: true, startTime: true, place: true, status: true },
      }),
    ),
    whenAny(meetingIds, () => db.decision.findMany({ where: { requestId }, select: { meetingId: true } })),
  ]);
  const meetingOf = new Map(meetings.map((m) => [m.id, m]));
  const decidedAt = new Set(decisions.map((d) => d.meetingId));
  const items = rows.map(({ meetingId, ...item }) => ({ ...item, meeting: meetingOf.get(meetingId)! }));
  const current = items.find((i) => i.meeting.id === context.meetingId && !i.removedAt);
  return {
    currentMeetingId: context.meetingId,
    reconsidering: context.reconsidering !== null,
    /** the number of the meeting whose locked agenda holds it (the ministry can no longer withdraw it) */
    lockedMeetingNumber: request.state === "onAgenda" && current && current.meeting.status !== "planning" ? current.meeting.number : null,
    items: items.map(({ meeting, ...item }) => ({
      ...item,
      meeting,
      decided: decidedAt.has(meeting.id),
      minutesPublished: meeting.status === "minutesPublished",
    })),
  };
}

/** Meetings that take agenda items now (planning, not in the past), for the request page's re-schedule forms. */
export async function openMeetings({ user }: { user: CurrentUser }) {
  requireSecretariat(user);
  return db.meeting.findMany({
    where: { status: "planning", date: { gte: todayInKorea() } },
    orderBy: [{ date: "asc" }, { number: "asc" }],
    select: { id: true, number: true, title: true, date: true },
  });
}

/** Meeting-level audit events (created, edited, locked, unlocked, reordered, cancelled, published), oldest first. */
export async function meetingHistory({ user, meetingId }: { user: CurrentUser; meetingId: string }) {
  requireMeetingReader(user);
  // meeting events carry no request; their canonical payload names the meeting (a portable LIKE)
  const events = await db.auditEvent.findMany({
    where: { requestId: null, type: { in: MEETING_EVENT_TYPES }, payload: { contains: `"meetingId":${JSON.stringify(meetingId)}` } },
    orderBy: { seq: "asc" },
    take: 500,
  });
  const actors = await whenAny(distinctIds(events.map((e) => e.actorId)), (ids) =>
    db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  );
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return events.map((e) => ({
    seq: e.seq,
    type: e.type,
    at: e.at,
    actor: e.actorId ? (names.get(e.actorId) ?? null) : null,
    payload: JSON.parse(e.payload) as Record<string, unknown>,
  }));
}

export const MEETING_EVENT_TYPES = [
  "MEETING_CREATED",
  "MEETING_UPDATED",
  "AGENDA_REORDERED",
  "AGENDA_LOCKED",
  "AGENDA_UNLOCKED",
  "MEETING_CANCELLED",
  "MINUTES_PUBLISHED",
];
