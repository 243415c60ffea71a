/**
 * The joint technology development and demonstration plan (기술개발·실증계획) of one request.
 *
 * Written by the request's ministry and the MSIT secretariat while the request is in
 * `jointPlanning`. Every save is a new revision (kept with who saved it and which sections changed);
 * a signature names the revision it signs, so an edit makes both signatures stop counting without
 * deleting anything. SCHEDULE reads `planFacts` inside its transaction.
 */
import { appendAuditEvent } from "~/modules/audit/audit.server";
import { fieldChanges } from "~/modules/audit/payloads";
import type { CurrentUser } from "~/modules/auth/session.server";
import { findVisibleRequest } from "~/modules/requests/requests.server";
import { db } from "~/utils/db.server";
import { memoUntilWrite } from "~/utils/lean-read.server";
import { distinctIds, whenAny } from "~/utils/distinct";
import { AppError, forbidden } from "~/utils/errors";
import { EMPTY_PLAN, PLAN_SECTIONS, type Milestone, type PlanSections, type PlanSide } from "./plan.schema";
import { actsForMinistry, can } from "~/modules/auth/permissions";

const EDITABLE_STATE = "jointPlanning";

type PlanRow = {
  id: string;
  revision: number;
  techDevelopmentPlan: string;
  demonstrationPlan: string;
  milestones: string;
  kpis: string;
  agreedGpus: number | null;
  ministryContact: string;
  msitContact: string;
};

function sectionsOf(row: PlanRow | null): PlanSections {
  if (!row) return { ...EMPTY_PLAN };
  return {
    techDevelopmentPlan: row.techDevelopmentPlan,
    demonstrationPlan: row.demonstrationPlan,
    milestones: JSON.parse(row.milestones) as Milestone[],
    kpis: row.kpis,
    agreedGpus: row.agreedGpus,
    ministryContact: row.ministryContact,
    msitContact: row.msitContact,
  };
}

/** The side a user signs for on this request's plan, or null when they have none. */
export function planSideOf(user: CurrentUser, request: { organizationId: string }): PlanSide | null {
  if (can(user, "plan:signForMsit")) return "MSIT";
  if (can(user, "plan:signForMinistry") && actsForMinistry(user, request.organizationId)) return "MINISTRY";
  return null;
}

/** The plan as the API shows it (an empty revision-0 plan before the first save). */
export async function getPlan({ user, requestId }: { user: CurrentUser; requestId: string }) {
  const request = await findVisibleRequest(user, requestId);
  // the plan and its signers kept until the next commit (ADR 0029); the caller's side on every call
  const { plan, signatures, names } = await memoUntilWrite(`plan|${requestId}`, "", () => readPlan(requestId));
  const revision = plan?.revision ?? 0;
  const side = planSideOf(user, request);
  return {
    requestId,
    ...sectionsOf(plan),
    revision,
    updatedAt: plan?.updatedAt ?? null,
    signatures: signatures.map((s) => ({ ...s, name: names.get(s.userId) ?? null })),
    coSigned: signatures.some((s) => s.side === "MINISTRY") && signatures.some((s) => s.side === "MSIT"),
    editable: request.state === EDITABLE_STATE && side !== null,
    callerSide: side,
    requestState: request.state,
    requestVersion: request.version,
  };
}

/** The plan row, the signatures of its current revision and the signers' names. */
async function readPlan(requestId: string) {
  const plan = await db.jointPlan.findUnique({
    where: { requestId },
    include: { signatures: { orderBy: { at: "asc" } } },
  });
  const revision = plan?.revision ?? 0;
  const signatures = (plan?.signatures ?? []).filter((s) => s.revision === revision).map((s) => ({ side: s.side as PlanSide, userId: s.userId, at: s.at }));
  const signers = await whenAny(
    signatures.map((s) => s.userId),
    (ids) => db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  );
  return { plan, signatures, names: new Map(signers.map((u) => [u.id, u.name])) };
}

function changedSections(before: PlanSections, after: PlanSections): string[] {
  return PLAN_SECTIONS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

async function requirePlanWriter(user: CurrentUser, requestId: string) {
  const request = await findVisibleRequest(user, requestId);
  const side = planSideOf(user, request);
  if (!side) throw forbidden();
  if (request.state !== EDITABLE_STATE) {
    throw new AppError("EVENT_NOT_ALLOWED", 422, "plan.error.notEditable");
  }
  return { request, side };
}

function revisionConflict(current: number): AppError {
  return new AppError("VERSION_CONFLICT", 409, "plan.error.revisionConflict", undefined, { current: { revision: current } });
}

/**
 * Saves the plan as a new revision, guarded by the revision the writer saw. The old revision's
 * signatures stop counting (they name the old revision), which is what "any edit clears both
 * signatures" means; a save that changes nothing is refused so it can't silently clear them.
 */
export async function savePlan({
  user,
  requestId,
  expectedRevision,
  sections,
}: {
  user: CurrentUser;
  requestId: string;
  expectedRevision: number;
  sections: PlanSections;
}) {
  await requirePlanWriter(user, requestId);
  return db.$transaction(async (tx) => {
    const request = await tx.demandRequest.findUniqueOrThrow({ where: { id: requestId }, select: { state: true } });
    if (request.state !== EDITABLE_STATE) throw new AppError("EVENT_NOT_ALLOWED", 422, "plan.error.notEditable");
    const current = await tx.jointPlan.findUnique({ where: { requestId }, include: { signatures: true } });
    const currentRevision = current?.revision ?? 0;
    if (currentRevision !== expectedRevision) throw revisionConflict(currentRevision);
    const changed = changedSections(sectionsOf(current), sections);
    if (current && changed.length === 0) throw new AppError("EVENT_NOT_ALLOWED", 422, "plan.error.nothingChanged");
    const data = { ...sections, milestones: JSON.stringify(sections.milestones), updatedById: user.id };
    let planId: string;
    if (!current) {
      planId = (await tx.jointPlan.create({ data: { ...data, requestId, revision: 1 } })).id;
    } else {
      const { count } = await tx.jointPlan.updateMany({
        where: { id: current.id, revision: expectedRevision },
        data: { ...data, revision: { increment: 1 } },
      });
      if (count === 0) throw revisionConflict(currentRevision);
      planId = current.id;
    }
    const revision = expectedRevision + 1;
    await tx.jointPlanRevision.create({
      data: { planId, revision, content: JSON.stringify(sections), changedFields: JSON.stringify(changed), authorId: user.id },
    });
    const clearedSignatures = (current?.signatures ?? [])
      .filter((s) => s.revision === currentRevision)
      .map((s) => s.side as PlanSide)
      .sort();
    await appendAuditEvent(tx, {
      requestId,
      actorId: user.id,
      type: "PLAN_SAVED",
      fromState: EDITABLE_STATE,
      toState: EDITABLE_STATE,
      payload: { revision, changed, clearedSignatures, changes: fieldChanges(current ? sectionsOf(current) : null, sections) },
    });
    return { revision, changed, clearedSignatures };
  });
}

/** Signs the current revision for the caller's side (ministry officer of that ministry, or MSIT). */
export async function signPlan({ user, requestId, expectedRevision }: { user: CurrentUser; requestId: string; expectedRevision: number }) {
  const { side } = await requirePlanWriter(user, requestId);
  return db.$transaction(async (tx) => {
    const request = await tx.demandRequest.findUniqueOrThrow({ where: { id: requestId }, select: { state: true } });
    if (request.state !== EDITABLE_STATE) throw new AppError("EVENT_NOT_ALLOWED", 422, "plan.error.notEditable");
    const plan = await tx.jointPlan.findUnique({ where: { requestId }, include: { signatures: true } });
    if (!plan || plan.revision === 0) throw new AppError("EVENT_NOT_ALLOWED", 422, "plan.error.emptyPlan");
    if (plan.revision !== expectedRevision) throw revisionConflict(plan.revision);
    if (plan.agreedGpus === null) throw new AppError("EVENT_NOT_ALLOWED", 422, "plan.error.agreedGpusMissing");
    if (!plan.techDevelopmentPlan.trim() || !plan.demonstrationPlan.trim()) {
      throw new AppError("EVENT_NOT_ALLOWED", 422, "plan.error.sectionsMissing");
    }
    if (plan.signatures.some((s) => s.revision === plan.revision && s.side === side)) {
      throw new AppError("EVENT_NOT_ALLOWED", 422, "plan.error.alreadySigned");
    }
    await tx.jointPlanSignature.create({ data: { planId: plan.id, revision: plan.revision, side, userId: user.id } });
    const sides = new Set([...plan.signatures.filter((s) => s.revision === plan.revision).map((s) => s.side), side]);
    const coSigned = sides.has("MINISTRY") && sides.has("MSIT");
    await appendAuditEvent(tx, {
      requestId,
      actorId: user.id,
      type: "PLAN_SIGNED",
      fromState: EDITABLE_STATE,
      toState: EDITABLE_STATE,
      payload: { revision: plan.revision, side, coSigned },
    });
    return { revision: plan.revision, side, coSigned };
  });
}

/** Every saved revision, newest first, with who saved it and what changed. */
export async function planRevisions({ user, requestId }: { user: CurrentUser; requestId: string }) {
  await findVisibleRequest(user, requestId);
  const plan = await db.jointPlan.findUnique({ where: { requestId }, select: { id: true } });
  if (!plan) return [];
  const rows = await db.jointPlanRevision.findMany({ where: { planId: plan.id }, orderBy: { revision: "desc" } });
  const authors = await whenAny(distinctIds(rows.map((r) => r.authorId)), (ids) =>
    db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, role: true } }),
  );
  const byId = new Map(authors.map((a) => [a.id, a]));
  return rows.map((r) => ({
    revision: r.revision,
    at: r.createdAt,
    author: byId.get(r.authorId) ?? null,
    changed: JSON.parse(r.changedFields) as string[],
    content: JSON.parse(r.content) as PlanSections,
  }));
}
