/**
 * Conditions of a conditional approval as obligations of the ministry (부대조건 이행).
 *
 * open → (ministry submits evidence: a note and/or attached files) → evidenceSubmitted
 *      → (secretariat marks it met) → met, or (secretariat returns it with a reason) → open; the
 *      reason stays with the condition (`returnedReason`) until the evidence is met.
 * A condition not met when its decision is replaced on reconsideration becomes `superseded`.
 * When the last condition is met, the same transaction sends CONDITIONS_MET, so the request moves
 * to `approved` exactly when its obligations are fulfilled. Every step is version-guarded and audited.
 */
import { appendAuditEvent } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { applyRequestEvent, findVisibleRequest, toWorkflowActor } from "~/modules/requests/requests.server";
import { db, type Tx } from "~/utils/db.server";
import { memoUntilWrite } from "~/utils/lean-read.server";
import { groupedBy, whenAny } from "~/utils/distinct";
import { AppError, forbidden, notFound } from "~/utils/errors";
import { conditionFacts } from "~/modules/meetings/event-rows.server";
import { now, todayInKorea } from "~/utils/clock";
import { can, canSeeMinistry, isMinistryScoped } from "~/modules/auth/permissions";

export type ConditionStatus = "open" | "evidenceSubmitted" | "met" | "superseded";

/** Still an obligation of the ministry (not met, not replaced). */
export const isPending = (condition: { status: string }) => condition.status === "open" || condition.status === "evidenceSubmitted";

/**
 * States in which a request's conditions can be worked on: conditionally approved, or — when the
 * configuration lets GPUs go out before the conditions are met — allocated or active with them open.
 */
export const CONDITION_STATES = ["conditionallyApproved", "allocated", "active"];

/** Today in Korea (the due dates are Korean calendar days). */
export { todayInKorea };

export function isOverdue(condition: { status: string; dueOn: string }, today = todayInKorea()): boolean {
  return isPending(condition) && condition.dueOn < today;
}

/** The conditions of a request (visible with the request), with their evidence files. */
export async function listConditions({ user, requestId }: { user: CurrentUser; requestId: string }) {
  await findVisibleRequest(user, requestId);
  // the rows kept until the next commit (ADR 0029); whether each is overdue is worked out on every call
  const { rows, byCondition } = await memoUntilWrite(`conditions|${requestId}`, "", () => readConditions(requestId));
  const today = todayInKorea();
  return rows.map((c) => ({
    ...c,
    attachments: (byCondition.get(c.id) ?? []).map(({ conditionId: _c, ...file }) => file),
    overdue: isOverdue(c, today),
  }));
}

async function readConditions(requestId: string) {
  const rows = await db.condition.findMany({ where: { requestId }, orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }] });
  // the evidence files in a query of their own, only when there are conditions (not an include: see groupedBy)
  const files = await whenAny(
    rows.map((c) => c.id),
    (ids) =>
      db.attachment.findMany({
        where: { conditionId: { in: ids } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, name: true, size: true, mediaType: true, createdAt: true, conditionId: true },
      }),
  );
  return { rows, byCondition: groupedBy(files, (f) => f.conditionId!) };
}

async function loadCondition(tx: Tx, user: CurrentUser, conditionId: string) {
  const condition = await tx.condition.findUnique({
    where: { id: conditionId },
    include: { request: { select: { id: true, organizationId: true, state: true } } },
  });
  if (!condition) throw notFound();
  if (!canSeeMinistry(user, condition.request.organizationId)) throw notFound();
  if (!CONDITION_STATES.includes(condition.request.state)) throw new AppError("EVENT_NOT_ALLOWED", 422, "condition.error.notOpen");
  return condition;
}

async function guardedConditionUpdate(tx: Tx, conditionId: string, expectedVersion: number, fromStatus: ConditionStatus[], data: Record<string, unknown>) {
  const { count } = await tx.condition.updateMany({
    where: { id: conditionId, version: expectedVersion, status: { in: fromStatus } },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) {
    const current = await tx.condition.findUniqueOrThrow({ where: { id: conditionId }, select: { status: true, version: true } });
    if (current.version !== expectedVersion) {
      throw new AppError("VERSION_CONFLICT", 409, "error.versionConflict", undefined, { current });
    }
    throw new AppError("EVENT_NOT_ALLOWED", 422, "condition.error.wrongStatus");
  }
}

/** The ministry reports how it fulfilled the condition (files are attached separately with `conditionId`). */
/** Which condition, at which version, by whom (every condition step). */
type ConditionStep = { user: CurrentUser; conditionId: string; expectedVersion: number };

export async function submitEvidence({ user, conditionId, expectedVersion, note }: ConditionStep & { note: string }) {
  if (!can(user, "condition:report")) throw forbidden();
  return db.$transaction(async (tx) => {
    const condition = await loadCondition(tx, user, conditionId);
    const files = await tx.attachment.count({ where: { conditionId } });
    if (!note.trim() && files === 0) throw new AppError("VALIDATION_FAILED", 422, "condition.error.evidenceRequired");
    await guardedConditionUpdate(tx, conditionId, expectedVersion, ["open"], {
      status: "evidenceSubmitted",
      evidenceNote: note.trim() || null,
      evidenceSubmittedAt: now(),
      evidenceById: user.id,
    });
    await appendAuditEvent(tx, {
      requestId: condition.requestId,
      actorId: user.id,
      type: "CONDITION_EVIDENCE",
      fromState: condition.request.state,
      toState: condition.request.state,
      payload: { conditionId, files, note: note.trim() },
    });
    return { status: "evidenceSubmitted" as const, version: expectedVersion + 1 };
  });
}

/** The secretariat sends the evidence back (with a reason); the condition is open again. */
export async function returnEvidence({ user, conditionId, expectedVersion, reason }: ConditionStep & { reason: string }) {
  if (!can(user, "condition:review")) throw isMinistryScoped(user) ? notFound() : forbidden();
  if (!reason.trim()) throw new AppError("VALIDATION_FAILED", 422, "condition.error.reasonRequired");
  return db.$transaction(async (tx) => {
    const condition = await loadCondition(tx, user, conditionId);
    await guardedConditionUpdate(tx, conditionId, expectedVersion, ["evidenceSubmitted"], { status: "open", returnedReason: reason.trim(), returnedAt: now() });
    await appendAuditEvent(tx, {
      requestId: condition.requestId,
      actorId: user.id,
      type: "CONDITION_RETURNED",
      fromState: condition.request.state,
      toState: condition.request.state,
      payload: { conditionId, reason: reason.trim() },
    });
    return { status: "open" as const, version: expectedVersion + 1 };
  });
}

/**
 * The secretariat marks a condition met. If it was the last open one, CONDITIONS_MET is sent in the
 * same transaction and the request becomes `approved`.
 */
export async function markConditionMet({ user, conditionId, expectedVersion }: { user: CurrentUser; conditionId: string; expectedVersion: number }) {
  if (!can(user, "condition:review")) throw isMinistryScoped(user) ? notFound() : forbidden();
  return db.$transaction(async (tx) => {
    const condition = await loadCondition(tx, user, conditionId);
    await guardedConditionUpdate(tx, conditionId, expectedVersion, ["open", "evidenceSubmitted"], {
      status: "met",
      metAt: now(),
      metById: user.id,
    });
    await appendAuditEvent(tx, {
      requestId: condition.requestId,
      actorId: user.id,
      type: "CONDITION_MET",
      fromState: condition.request.state,
      toState: condition.request.state,
      payload: { conditionId },
    });
    const facts = await conditionFacts(tx, condition.requestId);
    let requestState = condition.request.state;
    if (facts.allConditionsMet) {
      const result = await applyRequestEvent(tx, {
        user,
        requestId: condition.requestId,
        event: { type: "CONDITIONS_MET", actor: toWorkflowActor(user), ...facts },
      });
      requestState = result.state;
    }
    return { status: "met" as const, version: expectedVersion + 1, requestState };
  });
}
