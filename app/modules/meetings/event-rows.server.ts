/**
 * What the workflow events of the deliberation part need from the database, and what they write
 * beside the request row — all inside the event's own transaction (see `sendRequestEvent`):
 *
 * - facts the machine's guards read (plan co-signed, meeting takes items, agenda locked, all
 *   conditions met), attached to the event by the server, never taken from the client;
 * - side rows: the agenda item (SCHEDULE), the decision (DECIDE), the approver's sign-off or refusal
 *   (SIGN / REFUSE_SIGNOFF) and, when a conditional approval takes effect, its conditions.
 *
 * Imports only the database layer, so every module may use it without import cycles.
 */
import type { RequestContext, RequestEvent } from "#workflows/demand-request.machine";
import type { Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { now } from "~/utils/clock";

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

async function meetingStatus(tx: Tx, meetingId: string | null): Promise<string | null> {
  if (!meetingId) return null;
  const meeting = await tx.meeting.findUnique({ where: { id: meetingId }, select: { status: true } });
  return meeting?.status ?? null;
}

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
export async function eventWithFacts(tx: Tx, requestId: string, body: ClientEvent, actor: RequestEvent["actor"], context: RequestContext): Promise<RequestEvent> {
  switch (body.type) {
    case "SCHEDULE": {
      const meetingId = String(body.meetingId ?? "");
      const status = await meetingStatus(tx, meetingId);
      return { type: "SCHEDULE", actor, meetingId, plan: await planFacts(tx, requestId), meetingAcceptsItems: status === "planning" };
    }
    case "DECIDE": {
      // the meeting whose agenda the request is on; a client cannot pick another one
      const meetingId = context.meetingId ?? "";
      const status = await meetingStatus(tx, meetingId);
      return {
        ...(body as object),
        type: "DECIDE",
        actor,
        meetingId,
        agendaLocked: status !== null && LOCKED_STATUSES.includes(status),
        conditions: (body.conditions as { text: string; dueOn: string }[] | undefined) ?? [],
      } as RequestEvent;
    }
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
  context: RequestContext;
}

/** Side rows of an accepted event; returns ids to put in the audit payload. */
export async function writeEventRows(tx: Tx, t: Transitioned): Promise<Record<string, unknown> | undefined> {
  const { event } = t;
  switch (event.type) {
    case "SCHEDULE":
      return placeOnAgenda(tx, t.requestId, event.meetingId);
    case "DECIDE": {
      const decision = await tx.decision.create({
        data: {
          requestId: t.requestId,
          meetingId: event.meetingId,
          outcome: event.outcome,
          approvedGpus: event.approvedGpus,
          note: event.note?.trim() || null,
          recordedById: t.userId,
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
        },
      });
      if (refused) {
        await tx.decision.update({ where: { id: decision.id }, data: { status: "refused" } });
      } else if (t.toState !== "awaitingSignoff") {
        await tx.decision.update({ where: { id: decision.id }, data: { status: "effective", effectiveAt: now() } });
        if (t.toState === "conditionallyApproved") {
          for (const c of t.context.decision?.conditions ?? []) {
            await tx.condition.create({ data: { decisionId: decision.id, requestId: t.requestId, text: c.text, dueOn: c.dueOn } });
          }
        }
      }
      return { decisionId: decision.id, takesEffect: !refused && t.toState !== "awaitingSignoff" };
    }
    default:
      return undefined;
  }
}

/**
 * The agenda item for SCHEDULE, last in order. Moving a request from a meeting still being planned
 * takes it off that agenda; an item of a locked meeting stays there as the record of deliberation.
 */
async function placeOnAgenda(tx: Tx, requestId: string, meetingId: string) {
  const existing = await tx.agendaItem.findMany({ where: { requestId }, include: { meeting: { select: { status: true } } } });
  if (existing.some((i) => i.meetingId === meetingId)) {
    throw new AppError("EVENT_NOT_ALLOWED", 422, "meeting.error.alreadyOnAgenda");
  }
  const movedFrom = existing.filter((i) => i.meeting.status === "planning").map((i) => i.meetingId);
  if (movedFrom.length > 0) {
    await tx.agendaItem.deleteMany({ where: { requestId, meetingId: { in: movedFrom } } });
    await tx.meeting.updateMany({ where: { id: { in: movedFrom } }, data: { version: { increment: 1 } } });
  }
  const last = await tx.agendaItem.aggregate({ where: { meetingId }, _max: { position: true } });
  const item = await tx.agendaItem.create({ data: { meetingId, requestId, position: (last._max.position ?? 0) + 1 } });
  await tx.meeting.update({ where: { id: meetingId }, data: { version: { increment: 1 } } });
  return { agendaItemId: item.id, ...(movedFrom.length ? { movedFrom } : {}) };
}
