import { formatMonth } from "~/i18n/format";
import type { Locale } from "~/i18n/types";
import { translate } from "~/i18n/translate";
/**
 * The national GPU pool and its tranches (ADMIN edits; secretariat, approvers and admin read).
 *
 * Invariants, checked inside the transaction that writes (never by a read before it):
 *   - the sum of all tranche capacities never exceeds the pool total;
 *   - a tranche's capacity never drops below what is allocated from it;
 *   - a tranche is deleted only when no allocation (even a released one) refers to it.
 * Every change is guarded by the tranche's version (or, for the pool, the total the caller saw)
 * and audited with `requestId: null`. All figures are planning figures (계획 수치).
 */
import { appendAuditEvent } from "~/modules/audit/audit.server";
import { fieldChanges } from "~/modules/audit/payloads";
import type { CurrentUser } from "~/modules/auth/session.server";
import { db, type Tx } from "~/utils/db.server";
import { memoUntilWrite } from "~/utils/lean-read.server";
import { AppError, forbidden, notFound } from "~/utils/errors";
import type { Sector } from "./planner";
import { DEFAULT_POOL_GPUS, POOL_ID, type CreateTranche, type UpdateTranche } from "./pool.schema";
import { can } from "~/modules/auth/permissions";

/** Cross-ministry pool figures: not for ministry officers (404, like the agendas). */
export function requirePoolReader(user: CurrentUser) {
  if (!can(user, "pool:read")) throw notFound();
}
function requireAdmin(user: CurrentUser) {
  requirePoolReader(user);
  if (!can(user, "pool:manage")) throw forbidden();
}

/** GPU counts in messages: "152,010" reads right in Korean and English. */
const enCount = new Intl.NumberFormat("en-US"); // built once: a formatter per call is the costly part
export const count = (n: number) => enCount.format(n);

async function poolTotal(tx: Tx): Promise<number> {
  const pool = await tx.pool.findUnique({ where: { id: POOL_ID } });
  return pool?.totalGpus ?? DEFAULT_POOL_GPUS;
}

async function trancheSum(tx: Tx): Promise<number> {
  return (await tx.tranche.aggregate({ _sum: { capacity: true } }))._sum.capacity ?? 0;
}

/** Run after the write, in the same transaction: a sum over the pool rolls the write back. */
async function assertWithinPool(tx: Tx) {
  const [sum, total] = await Promise.all([trancheSum(tx), poolTotal(tx)]);
  if (sum > total) throw new AppError("CONFLICT", 409, "pool.error.overPool", { sum: count(sum), total: count(total) }, { sum, totalGpus: total });
}

export async function getPool({ user }: { user: CurrentUser }) {
  requirePoolReader(user);
  // kept until the next commit (ADR 0029): every pool page asks for both
  const [totalGpus, inTranches] = await memoUntilWrite("pool|total", "", () => Promise.all([poolTotal(db as unknown as Tx), trancheSum(db as unknown as Tx)]));
  return { id: POOL_ID, totalGpus, inTranches, unscheduled: totalGpus - inTranches };
}

export async function setPoolTotal({ user, totalGpus, expectedTotalGpus }: { user: CurrentUser; totalGpus: number; expectedTotalGpus?: number }) {
  requireAdmin(user);
  return db.$transaction(async (tx) => {
    const before = await poolTotal(tx);
    if (expectedTotalGpus !== undefined && expectedTotalGpus !== before) {
      throw new AppError("VERSION_CONFLICT", 409, "error.versionConflict", undefined, { current: { totalGpus: before } });
    }
    await tx.pool.upsert({ where: { id: POOL_ID }, update: { totalGpus }, create: { id: POOL_ID, totalGpus } });
    await assertWithinPool(tx);
    await appendAuditEvent(tx, { requestId: null, actorId: user.id, type: "POOL_UPDATED", payload: { from: before, to: totalGpus } });
    return { id: POOL_ID, totalGpus };
  });
}

/** Active (not released) GPUs per tranche and sector. */
async function activeBySector(trancheIds?: string[]) {
  const rows = await db.allocation.findMany({
    where: { releasedAt: null, ...(trancheIds ? { trancheId: { in: trancheIds } } : {}) },
    select: { trancheId: true, gpus: true, request: { select: { sector: true } } },
  });
  const result = new Map<string, Record<Sector, number>>();
  for (const row of rows) {
    const entry = result.get(row.trancheId) ?? { NATIONAL_PROJECT: 0, INDUSTRY: 0, ACADEMIA_RESEARCH: 0 };
    const sector = (row.request.sector ?? "INDUSTRY") as Sector;
    entry[sector] += row.gpus;
    result.set(row.trancheId, entry);
  }
  return result;
}

export interface TrancheView {
  id: string;
  label: string;
  arrivesOn: string;
  capacity: number;
  allocated: number;
  remaining: number;
  gpuModel: string;
  resourceKind: "GPU" | "NPU";
  version: number;
  bySector: Record<Sector, number>;
}

/**
 * Tranches in arrival order with allocated / remaining and the active GPUs per sector; kept until the
 * next commit (ADR 0029), so callers treat the rows as read-only.
 */
export async function listTranches({ user }: { user: CurrentUser }): Promise<TrancheView[]> {
  requirePoolReader(user);
  return memoUntilWrite("pool|tranches", "", readTranches);
}

async function readTranches(): Promise<TrancheView[]> {
  const tranches = await db.tranche.findMany({ orderBy: [{ arrivalMonth: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
  const sectors = await activeBySector();
  return tranches.map((t) => ({
    id: t.id,
    label: t.label,
    arrivesOn: t.arrivalMonth,
    capacity: t.capacity,
    allocated: t.allocated,
    remaining: t.capacity - t.allocated,
    gpuModel: t.gpuModel,
    resourceKind: t.resourceKind === "NPU" ? "NPU" : "GPU",
    version: t.version,
    bySector: sectors.get(t.id) ?? { NATIONAL_PROJECT: 0, INDUSTRY: 0, ACADEMIA_RESEARCH: 0 },
  }));
}

export async function createTranche({ user, input }: { user: CurrentUser; input: CreateTranche }) {
  requireAdmin(user);
  return db.$transaction(async (tx) => {
    const tranche = await tx.tranche.create({ data: input });
    await assertWithinPool(tx);
    await appendAuditEvent(tx, { requestId: null, actorId: user.id, type: "TRANCHE_CREATED", payload: { trancheId: tranche.id, ...input } });
    return tranche;
  });
}

async function trancheConflict(tx: Tx, trancheId: string, expectedVersion: number): Promise<AppError> {
  const current = await tx.tranche.findUnique({ where: { id: trancheId }, select: { version: true, capacity: true, allocated: true } });
  if (!current) return notFound();
  if (current.version !== expectedVersion) return new AppError("VERSION_CONFLICT", 409, "error.versionConflict", undefined, { current });
  return new AppError("CONFLICT", 409, "pool.error.belowAllocated", { allocated: count(current.allocated) }, { allocated: current.allocated });
}

/**
 * Edits a tranche. The capacity guard (`allocated <= capacity`) is in the UPDATE's WHERE, so an
 * allocation committed meanwhile can't be undercut. An earlier arrival than a live allocation's
 * start month is allowed (the allocation's period is still after the arrival); a later one is not.
 */
export async function updateTranche({ user, trancheId, input }: { user: CurrentUser; trancheId: string; input: UpdateTranche }) {
  requireAdmin(user);
  const { expectedVersion, ...fields } = input;
  return db.$transaction(async (tx) => {
    const before = await tx.tranche.findUnique({ where: { id: trancheId } });
    const kindBefore = before?.resourceKind;
    const { count } = await tx.tranche.updateMany({
      where: { id: trancheId, version: expectedVersion, ...(fields.capacity !== undefined ? { allocated: { lte: fields.capacity } } : {}) },
      data: { ...fields, version: { increment: 1 } },
    });
    if (count === 0) throw await trancheConflict(tx, trancheId, expectedVersion);
    if (fields.arrivalMonth !== undefined) {
      const early = await tx.allocation.findFirst({
        where: { trancheId, releasedAt: null, startMonth: { lt: fields.arrivalMonth } },
        select: { startMonth: true },
      });
      if (early) {
        const said = (locale: Locale) => translate(locale, "pool.error.arrivalAfterStart", { month: formatMonth(locale, early.startMonth) });
        throw new AppError("CONFLICT", 409, "pool.error.arrivalAfterStart", { month: early.startMonth }, undefined, { ko: said("ko"), en: said("en") });
      }
    }
    if (fields.resourceKind !== undefined && fields.resourceKind !== kindBefore) {
      const live = await tx.allocation.count({ where: { trancheId, releasedAt: null } });
      if (live > 0) throw new AppError("CONFLICT", 409, "pool.error.trancheInUse");
    }
    await assertWithinPool(tx);
    await appendAuditEvent(tx, {
      requestId: null,
      actorId: user.id,
      type: "TRANCHE_UPDATED",
      payload: { trancheId, fields: Object.keys(fields).sort(), changes: fieldChanges(before, fields) },
    });
    return tx.tranche.findUniqueOrThrow({ where: { id: trancheId } });
  });
}

/** Deletes a tranche no allocation has ever used (guarded in the DELETE's WHERE). */
export async function deleteTranche({ user, trancheId, expectedVersion }: { user: CurrentUser; trancheId: string; expectedVersion: number }) {
  requireAdmin(user);
  return db.$transaction(async (tx) => {
    const before = await tx.tranche.findUnique({
      where: { id: trancheId },
      select: { label: true, arrivalMonth: true, capacity: true, gpuModel: true, resourceKind: true },
    });
    const { count } = await tx.tranche.deleteMany({ where: { id: trancheId, version: expectedVersion, allocated: 0, allocations: { none: {} } } });
    if (count === 0) {
      const current = await tx.tranche.findUnique({ where: { id: trancheId }, select: { version: true } });
      if (!current) throw notFound();
      if (current.version !== expectedVersion) throw new AppError("VERSION_CONFLICT", 409, "error.versionConflict", undefined, { current });
      throw new AppError("CONFLICT", 409, "pool.error.trancheInUse");
    }
    await appendAuditEvent(tx, { requestId: null, actorId: user.id, type: "TRANCHE_DELETED", payload: { trancheId, before: { ...before } } });
  });
}
