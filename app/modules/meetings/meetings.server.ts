/**
 * Meetings of the Science and Technology Ministers' Meeting and their agendas (안건).
 *
 * A meeting goes planning → agendaLocked → held (first decision recorded) → minutesPublished.
 * Putting a request on the agenda IS the SCHEDULE event and recording a decision IS the DECIDE event:
 * both go through `sendRequestEvent`, so the page, the API and the machine agree. Meeting-level
 * changes (create, reorder, lock, publish) are guarded by the meeting's version and audited.
 */
import type { RequestContext } from "#workflows/demand-request.machine";
import { appendAuditEvent } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { sendRequestEvent } from "~/modules/requests/requests.server";
import { db, type Tx } from "~/utils/db.server";
import { AppError, forbidden, notFound } from "~/utils/errors";
import { planFacts } from "./event-rows.server";
import type { CreateMeeting } from "./meeting.schema";
import { now } from "~/utils/clock";
import { can } from "~/modules/auth/permissions";

/** Officers see their own requests, not the cross-ministry agendas. */
function requireMeetingReader(user: CurrentUser) {
  if (!can(user, "meeting:read")) throw notFound();
}
function requireSecretariat(user: CurrentUser) {
  requireMeetingReader(user);
  if (!can(user, "meeting:manage")) throw forbidden();
}

function meetingConflict(current: { status: string; version: number } | null): AppError {
  return new AppError("VERSION_CONFLICT", 409, "error.versionConflict", undefined, { current });
}

async function guardedMeetingUpdate(tx: Tx, meetingId: string, expectedVersion: number, data: Record<string, unknown>, where: Record<string, unknown> = {}) {
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
  return db.$transaction(async (tx) => {
    const taken = await tx.meeting.findUnique({ where: { number: input.number }, select: { id: true } });
    if (taken) throw new AppError("CONFLICT", 409, "meeting.error.numberTaken", { number: input.number });
    const meeting = await tx.meeting.create({ data: { ...input, createdById: user.id } });
    await appendAuditEvent(tx, { requestId: null, actorId: user.id, type: "MEETING_CREATED", fromState: null, toState: "planning", payload: { meetingId: meeting.id, ...input } });
    return meeting;
  });
}

export async function listMeetings({ user }: { user: CurrentUser }) {
  requireMeetingReader(user);
  const meetings = await db.meeting.findMany({
    orderBy: { number: "desc" },
    include: { _count: { select: { items: true, decisions: true } } },
  });
  return meetings.map(({ _count, ...m }) => ({ ...m, itemCount: _count.items, decisionCount: _count.decisions }));
}

/** The meeting with its agenda in order: each item's request, plan figures and decision. */
export async function getMeeting({ user, meetingId }: { user: CurrentUser; meetingId: string }) {
  requireMeetingReader(user);
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    include: {
      items: {
        orderBy: { position: "asc" },
        include: {
          request: {
            select: {
              id: true, reference: true, title: true, state: true, version: true, sector: true, domain: true,
              gpusRequested: true, approvedGpus: true, problemStatement: true, expectedOutcomes: true, npuCapable: true,
              snapshot: true,
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
  const approvers = await db.user.findMany({ where: { id: { in: approverIds } }, select: { id: true, name: true } });
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
      request: {
        ...request,
        agreedGpus: plan?.agreedGpus ?? null,
        ministry: { code: organization.code, name: organization.nameKo, nameEn: organization.nameEn },
        // a decision can be recorded when the request waits on THIS meeting's agenda
        awaitingDecision: request.state === "onAgenda" && context.meetingId === meeting.id,
      },
      decision: decisions.at(-1) ?? null,
      decisions,
    };
  });
  const { items: _i, decisions: _d, ...rest } = meeting;
  return { ...rest, items };
}

/** Requests the secretariat may put on an agenda: in joint planning with a co-signed plan. */
export async function eligibleRequests({ user }: { user: CurrentUser }) {
  requireSecretariat(user);
  const rows = await db.demandRequest.findMany({
    where: { state: { in: ["jointPlanning", "onAgenda"] } },
    orderBy: { submittedAt: "asc" },
    select: {
      id: true, reference: true, title: true, state: true, version: true, gpusRequested: true, snapshot: true,
      organization: { select: { code: true, nameKo: true, nameEn: true } },
    },
  });
  const result = [];
  for (const row of rows) {
    const context = (JSON.parse(row.snapshot) as { context: RequestContext }).context;
    // on an agenda already (and not sent back): not eligible again
    if (row.state === "onAgenda" && context.meetingId !== null) continue;
    const facts = await planFacts(db as unknown as Tx, row.id);
    const { snapshot: _s, organization, ...request } = row;
    result.push({
      ...request,
      ministry: { code: organization.code, name: organization.nameKo, nameEn: organization.nameEn },
      coSigned: facts.coSigned,
      agreedGpus: facts.agreedGpus,
    });
  }
  return result;
}

/** SCHEDULE: puts the request on this meeting's agenda (same as the event through the API). */
export async function addToAgenda({ user, meetingId, requestId, expectedVersion }: { user: CurrentUser; meetingId: string; requestId: string; expectedVersion?: number }) {
  requireSecretariat(user);
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { id: true } });
  if (!meeting) throw notFound();
  const version = expectedVersion ?? (await db.demandRequest.findUnique({ where: { id: requestId }, select: { version: true } }))?.version;
  if (version === undefined) throw notFound();
  return sendRequestEvent({ user, requestId, body: { type: "SCHEDULE", meetingId, expectedVersion: version } });
}

/** New order of the whole agenda (every item exactly once), while the agenda is open. */
export async function reorderAgenda({ user, meetingId, expectedVersion, requestIds }: { user: CurrentUser; meetingId: string; expectedVersion: number; requestIds: string[] }) {
  requireSecretariat(user);
  return db.$transaction(async (tx) => {
    const items = await tx.agendaItem.findMany({ where: { meetingId }, select: { id: true, requestId: true } });
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
    await appendAuditEvent(tx, { requestId: null, actorId: user.id, type: "AGENDA_REORDERED", fromState: "planning", toState: "planning", payload: { meetingId, order: requestIds } });
    return { version: expectedVersion + 1 };
  });
}

/** Locks the agenda: no new items; decisions may now be recorded. */
export async function lockAgenda({ user, meetingId, expectedVersion }: { user: CurrentUser; meetingId: string; expectedVersion: number }) {
  requireSecretariat(user);
  return db.$transaction(async (tx) => {
    const count = await tx.agendaItem.count({ where: { meetingId } });
    if (count === 0) {
      if (!(await tx.meeting.findUnique({ where: { id: meetingId }, select: { id: true } }))) throw notFound();
      throw new AppError("EVENT_NOT_ALLOWED", 422, "meeting.error.emptyAgenda");
    }
    await guardedMeetingUpdate(tx, meetingId, expectedVersion, { status: "agendaLocked", lockedAt: now() }, { status: "planning" });
    await appendAuditEvent(tx, { requestId: null, actorId: user.id, type: "AGENDA_LOCKED", fromState: "planning", toState: "agendaLocked", payload: { meetingId, items: count } });
    return { status: "agendaLocked", version: expectedVersion + 1 };
  });
}

/** Publishes the minutes once every item on the agenda has a decision. */
export async function publishMinutes({ user, meetingId, expectedVersion }: { user: CurrentUser; meetingId: string; expectedVersion: number }) {
  requireSecretariat(user);
  return db.$transaction(async (tx) => {
    const items = await tx.agendaItem.findMany({ where: { meetingId }, select: { requestId: true } });
    const decided = await tx.decision.findMany({ where: { meetingId }, select: { requestId: true } });
    const decidedIds = new Set(decided.map((d) => d.requestId));
    const open = items.filter((i) => !decidedIds.has(i.requestId)).length;
    if (open > 0) throw new AppError("EVENT_NOT_ALLOWED", 422, "meeting.error.undecidedItems", { count: open });
    await guardedMeetingUpdate(tx, meetingId, expectedVersion, { status: "minutesPublished" }, { status: "held" });
    await appendAuditEvent(tx, { requestId: null, actorId: user.id, type: "MINUTES_PUBLISHED", fromState: "held", toState: "minutesPublished", payload: { meetingId } });
    return { status: "minutesPublished", version: expectedVersion + 1 };
  });
}
