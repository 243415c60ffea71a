/**
 * What the workflow events of the deliberation part need from the database, and what they write
 * beside the request row — all inside the event's own transaction (see `sendRequestEvent`):
 *
 * - facts the machine's guards read (plan co-signed, meeting takes items, agenda locked, meeting
 *   held, all conditions met), attached to the event by the server, never taken from the client;
 * - side rows: the agenda item (SCHEDULE, RECONSIDER), the item leaving its agenda (UNSCHEDULE,
 *   WITHDRAW), the decision (DECIDE) and its corrected version (AMEND_DECISION), the approver's
 *   sign-off or refusal (SIGN / REFUSE_SIGNOFF) and, when a conditional approval takes effect, its
 *   conditions; a decision taking effect supersedes the one it reconsidered.
 *
 * Rows are stamped with the app clock (`now()`), not the database default, so the demo walked through
 * time and tests at a pinned date record when things happened in that time.
 *
 * Imports only the database layer, so every module may use it without import cycles.
 */
import type { RequestContext, RequestEvent } from "#workflows/demand-request.machine";
import type { Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { now, todayInKorea } from "~/utils/clock";

/** Co-signed = both sides signed the current revision of the joint plan. */
export async function planFacts(tx: Tx, requestId: string): Promise<{ coSigned: boolean; agreedGpus: number | null }> {
  const plan = await tx.jointPlan.findUnique({
    where: { requestId },
    select: { revision: true, agreedGpus: true, signatures: { select: { revision: true, side: true } } },
  });
  if (!plan || plan.revision === 0) return { coSigned: false, agreedGpus: null };
  const sides = new Set(plan.signatures.filter((s) => s.revision === plan.revision).map((s) => s.side));
  return { coSigned: sides.has("MINISTRY") && sides.has("MSIT"), agreedGpus: plan.agreedGpus };
}

export const LOCKED_STATUSES = ["agendaLocked", "held"];
/** Statuses whose agenda no longer changes: the meeting decides (or decided) what is on it. */
const AGENDA_CLOSED = [...LOCKED_STATUSES, "minutesPublished"];

async function meetingOf(tx: Tx, meetingId: string | null): Promise<{ status: string; date: string } | null> {
  if (!meetingId) return null;
  return tx.meeting.findUnique({ where: { id: meetingId }, select: { status: true, date: true } });
}

/** The meeting has taken place: its date (a Korean calendar day) is today or before. */
export const meetingHasBeenHeld = (date: string, today = todayInKorea()) => date <= today;

/** The decision of this request that is waiting for signatures (at most one at a time). */
async function awaitingDecision(tx: Tx, requestId: string) {
  const decision = await tx.decision.findFirst({ where: { requestId, status: "awaiting" }, orderBy: { createdAt: "desc" } });
  if (!decision) throw new AppError("CONFLICT", 409, "error.generic");
  return decision;
}

/** Conditions of the decision in effect: all met (and at least one exists). */
export async function conditionFacts(tx: Tx, requestId: string): Promise<{ allConditionsMet: boolean }> {
  const decision = await tx.decision.findFirst({
    where: { requestId, status: "effective", outcome: "approveWithConditions" },
    orderBy: { effectiveAt: "desc" },
    select: { conditions: { select: { status: true } } },
  });
  const conditions = decision?.conditions ?? [];
  return { allConditionsMet: conditions.length > 0 && conditions.every((c) => c.status === "met") };
}

type ClientEvent = { type: string } & Record<string, unknown>;

/** The client's event with the facts its guards need, read in this transaction. */
export async function eventWithFacts(
  tx: Tx,
  requestId: string,
  body: ClientEvent,
  actor: RequestEvent["actor"],
  context: RequestContext,
): Promise<RequestEvent> {
  switch (body.type) {
    case "SCHEDULE": {
      const meetingId = String(body.meetingId ?? "");
      const [meeting, current] = await Promise.all([meetingOf(tx, meetingId), meetingOf(tx, context.meetingId)]);
      return {
        type: "SCHEDULE",
        actor,
        meetingId,
        plan: await planFacts(tx, requestId),
        meetingAcceptsItems: meeting?.status === "planning",
        // moving off the agenda it is on now is refused once that agenda is locked (the meeting decides)
        agendaLocked: current !== null && AGENDA_CLOSED.includes(current.status),
      };
    }
    case "RECONSIDER": {
      const meetingId = String(body.meetingId ?? "");
      const meeting = await meetingOf(tx, meetingId);
      return { type: "RECONSIDER", actor, meetingId, reason: String(body.reason ?? ""), meetingAcceptsItems: meeting?.status === "planning" };
    }
    case "WITHDRAW":
    case "UNSCHEDULE": {
      // the agenda the request is on now (a cancelled meeting's agenda no longer holds it)
      const meeting = await meetingOf(tx, context.meetingId);
      return { ...body, type: body.type, actor, reason: String(body.reason ?? ""), agendaLocked: meeting !== null && AGENDA_CLOSED.includes(meeting.status) };
    }
    case "DECIDE": {
      // the meeting whose agenda the request is on; a client cannot pick another one
      const meetingId = context.meetingId ?? "";
      const meeting = await meetingOf(tx, meetingId);
      return {
        ...(body as object),
        type: "DECIDE",
        actor,
        meetingId,
        agendaLocked: meeting !== null && LOCKED_STATUSES.includes(meeting.status),
        meetingHeld: meeting !== null && meetingHasBeenHeld(meeting.date),
        conditions: (body.conditions as { text: string; dueOn: string }[] | undefined) ?? [],
      } as RequestEvent;
    }
    case "AMEND_DECISION":
      return {
        ...(body as object),
        type: "AMEND_DECISION",
        actor,
        conditions: (body.conditions as { text: string; dueOn: string }[] | undefined) ?? [],
      } as RequestEvent;
    case "CONDITIONS_MET":
      return { type: "CONDITIONS_MET", actor, ...(await conditionFacts(tx, requestId)) };
    default:
      return { ...body, actor } as RequestEvent;
  }
}

export interface Transitioned {
  requestId: string;
  userId: string;
  event: RequestEvent;
  fromState: string;
  toState: string;
  /** The machine context before the event (e.g. the meeting an UNSCHEDULE takes the item off). */
  before: RequestContext;
  context: RequestContext;
}

/** Side rows of an accepted event; returns ids to put in the audit payload. */
export async function writeEventRows(tx: Tx, t: Transitioned): Promise<Record<string, unknown> | undefined> {
  const { event } = t;
  switch (event.type) {
    case "SCHEDULE":
    case "RECONSIDER":
      return placeOnAgenda(tx, t.requestId, event.meetingId, t.context.reconsidering !== null);
    case "UNSCHEDULE": {
      const cancelled = (await meetingOf(tx, t.before.meetingId))?.status === "cancelled";
      return takeOffAgenda(tx, t.requestId, t.before.meetingId, cancelled ? "meetingCancelled" : "unscheduled", event.reason);
    }
    case "WITHDRAW":
      return takeOffAgenda(tx, t.requestId, t.before.meetingId, "withdrawn", event.reason);
    case "AMEND_DECISION":
      return amendDecision(tx, t, event.reason);
    case "DECIDE": {
      const decision = await tx.decision.create({
        data: {
          requestId: t.requestId,
          meetingId: event.meetingId,
          outcome: event.outcome,
          approvedGpus: event.approvedGpus,
          note: event.note?.trim() || null,
          recordedById: t.userId,
          createdAt: now(),
        },
      });
      await tx.meeting.updateMany({ where: { id: event.meetingId, status: "agendaLocked" }, data: { status: "held", version: { increment: 1 } } });
      return { decisionId: decision.id };
    }
    case "SIGN":
    case "REFUSE_SIGNOFF": {
      const decision = await awaitingDecision(tx, t.requestId);
      const refused = event.type === "REFUSE_SIGNOFF";
      await tx.signoff.create({
        data: {
          decisionId: decision.id,
          approverId: event.actor.userId,
          isChair: event.actor.isChair,
          verdict: refused ? "REFUSED" : "SIGNED",
          comment: (refused ? event.reason : event.comment)?.trim() || null,
          at: now(),
        },
      });
      const takesEffect = !refused && t.toState !== "awaitingSignoff";
      if (refused) {
        await tx.decision.update({ where: { id: decision.id }, data: { status: "refused" } });
      } else if (takesEffect) {
        await tx.decision.update({ where: { id: decision.id }, data: { status: "effective", effectiveAt: now() } });
        // a reconsideration decided (not deferred): the decision it reconsidered is no longer in force
        const superseded = t.before.reconsidering && decision.outcome !== "defer" ? await supersedeEarlier(tx, t.requestId, decision.id) : [];
        if (t.toState === "conditionallyApproved" && decision.outcome === "approveWithConditions") {
          for (const c of t.context.decision?.conditions ?? []) {
            await tx.condition.create({ data: { decisionId: decision.id, requestId: t.requestId, text: c.text, dueOn: c.dueOn, createdAt: now() } });
          }
        }
        if (superseded.length > 0) return { decisionId: decision.id, takesEffect, superseded };
      }
      return { decisionId: decision.id, takesEffect };
    }
    default:
      return undefined;
  }
}

/** Earlier decisions in force on this request become superseded, with their conditions still to meet. */
async function supersedeEarlier(tx: Tx, requestId: string, decisionId: string): Promise<string[]> {
  const earlier = await tx.decision.findMany({ where: { requestId, status: "effective", id: { not: decisionId } }, select: { id: true } });
  const ids = earlier.map((d) => d.id);
  if (ids.length === 0) return ids;
  await tx.decision.updateMany({ where: { id: { in: ids } }, data: { status: "superseded" } });
  await tx.condition.updateMany({ where: { decisionId: { in: ids }, status: { not: "met" } }, data: { status: "superseded", version: { increment: 1 } } });
  return ids;
}

/**
 * AMEND_DECISION: the awaiting version is kept as `amended` with its signatures; the corrected one is a
 * new decision row that names it and waits for every signature again.
 */
async function amendDecision(tx: Tx, t: Transitioned, reason: string) {
  const previous = await awaitingDecision(tx, t.requestId);
  const next = t.context.decision;
  if (!next) throw new AppError("CONFLICT", 409, "error.generic");
  await tx.decision.update({ where: { id: previous.id }, data: { status: "amended" } });
  const decision = await tx.decision.create({
    data: {
      requestId: t.requestId,
      meetingId: previous.meetingId,
      outcome: next.outcome,
      approvedGpus: next.approvedGpus,
      note: next.note ?? null,
      recordedById: t.userId,
      amendsId: previous.id,
      amendReason: reason.trim(),
      createdAt: now(),
    },
  });
  return { decisionId: decision.id, amendsDecisionId: previous.id };
}

/**
 * The agenda item for SCHEDULE / RECONSIDER, last in order, with its 의안번호 (the next number on that
 * meeting; an item coming back to a meeting it left gets its old number again). Moving a request from
 * a meeting still being planned takes it off that agenda; an item of a locked meeting stays there as
 * the record of deliberation.
 */
async function placeOnAgenda(tx: Tx, requestId: string, meetingId: string, reconsideration: boolean) {
  const existing = await tx.agendaItem.findMany({ where: { requestId }, include: { meeting: { select: { status: true } } } });
  const earlier = existing.find((i) => i.meetingId === meetingId);
  if (earlier && !earlier.removedAt) {
    throw new AppError("EVENT_NOT_ALLOWED", 422, "meeting.error.alreadyOnAgenda");
  }
  const movedFrom = existing.filter((i) => !i.removedAt && i.meeting.status === "planning").map((i) => i.meetingId);
  if (movedFrom.length > 0) {
    await tx.agendaItem.updateMany({
      where: { requestId, meetingId: { in: movedFrom } },
      data: { removedAt: now(), removal: "moved", removalReason: null },
    });
    await tx.meeting.updateMany({ where: { id: { in: movedFrom } }, data: { version: { increment: 1 } } });
  }
  const last = await tx.agendaItem.aggregate({ where: { meetingId }, _max: { position: true, number: true } });
  const position = (last._max.position ?? 0) + 1;
  const placed = { position, reconsideration, removedAt: null, removal: null, removalReason: null };
  const item = earlier
    ? await tx.agendaItem.update({ where: { id: earlier.id }, data: placed })
    : await tx.agendaItem.create({ data: { meetingId, requestId, number: (last._max.number ?? 0) + 1, ...placed, createdAt: now() } });
  await tx.meeting.update({ where: { id: meetingId }, data: { version: { increment: 1 } } });
  return { agendaItemId: item.id, agendaNumber: item.number, ...(movedFrom.length ? { movedFrom } : {}) };
}

/** The item leaves the agenda before a decision; its row, number and the reason stay. */
async function takeOffAgenda(tx: Tx, requestId: string, meetingId: string | null, removal: string, reason: string) {
  if (!meetingId) return undefined;
  const item = await tx.agendaItem.findFirst({ where: { meetingId, requestId, removedAt: null }, select: { id: true, number: true } });
  if (!item) return undefined;
  await tx.agendaItem.update({ where: { id: item.id }, data: { removedAt: now(), removal, removalReason: reason.trim() } });
  await tx.meeting.update({ where: { id: meetingId }, data: { version: { increment: 1 } } });
  return { meetingId, agendaItemId: item.id, agendaNumber: item.number };
}
