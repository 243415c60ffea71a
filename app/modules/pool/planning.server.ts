/**
 * Read side of the pool: the overview (by tranche, sector, ministry, K-NPU-capable demand and the
 * capacity timeline) and the planner / what-if (`proposeSchedule`): the pure planner run over the
 * database's tranches and requests. Nothing here writes.
 *
 * Planner inputs from the database:
 *   - real requests: `approved`, or `allocated` but only partially; need = approved − active allocations;
 *     decided at = when their decision took effect;
 *   - what-if requests (pipeline: jointPlanning, onAgenda, awaitingSignoff) "as if approved": the
 *     decision awaiting signatures' count, else the joint plan's agreed GPUs, else the GPUs requested;
 *     decided at = now (after every real decision);
 *   - `ministryAx` (a field a ministry needs for its AX, served first within a sector): every domain
 *     except "other" (기타).
 */
import type { CurrentUser } from "~/modules/auth/session.server";
import { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { AppError, forbidden } from "~/utils/errors";
import { planAllocations, type PlanReason, type PlannerRequest, type Sector } from "./planner";
import { capacityTimeline } from "./timeline";
import { SECTORS } from "./pool.schema";
import { listTranches, requirePoolReader } from "./tranches.server";
import { allowConditionalAllocation } from "~/utils/config.server";
import { now as clockNow } from "~/utils/clock";
import { can } from "~/modules/auth/permissions";
import { memoUntilWrite } from "~/utils/lean-read.server";
import { stateCounts } from "~/modules/requests/state-counts.server";

export const PIPELINE_STATES = ["jointPlanning", "onAgenda", "awaitingSignoff"];

const requestSelect = {
  id: true,
  reference: true,
  title: true,
  state: true,
  stateDetail: true,
  sector: true,
  domain: true,
  npuCapable: true,
  gpusRequested: true,
  approvedGpus: true,
  desiredStartMonth: true,
  durationMonths: true,
  createdAt: true,
  organization: { select: { code: true, nameKo: true, nameEn: true } },
  plan: { select: { agreedGpus: true } },
  decisions: { select: { status: true, approvedGpus: true, effectiveAt: true, createdAt: true }, orderBy: { createdAt: "desc" as const } },
  allocations: { where: { releasedAt: null }, select: { gpus: true } },
} as const;

type RequestRow = Awaited<ReturnType<typeof loadRequests>>[number];

async function loadRequests(where: Record<string, unknown>) {
  return db.demandRequest.findMany({ where, select: requestSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/**
 * The requests in the real states (approved, allocated, conditionally approved), read-only for
 * callers: the pool page needs them twice (overview and allocation form), so they are kept until the
 * next commit to the database (`memoUntilWrite`, ADR 0025).
 */
function realStateRequests() {
  return memoUntilWrite("pool|real-state-requests", "", () => loadRequests({ state: { in: REAL_STATES } }));
}

/** Requests that may really receive GPUs now (conditionally approved ones only if the configuration allows). */
const isRealCandidate = (r: { state: string; stateDetail: string | null }) =>
  r.state === "approved" || (r.state === "allocated" && r.stateDetail === "partially") || (r.state === "conditionallyApproved" && allowConditionalAllocation());
const REAL_STATES = ["approved", "allocated", "conditionallyApproved"];

function allocatedOf(r: RequestRow) {
  return r.allocations.reduce((s, a) => s + a.gpus, 0);
}

/** GPUs a request would get "as if approved". */
function whatIfGpus(r: RequestRow): number {
  const awaiting = r.decisions.find((d) => d.status === "awaiting");
  return awaiting?.approvedGpus ?? r.plan?.agreedGpus ?? r.gpusRequested ?? 0;
}

function describe(r: RequestRow, whatIf: boolean) {
  return {
    id: r.id,
    reference: r.reference,
    title: r.title,
    state: r.state,
    stateDetail: r.stateDetail,
    sector: (r.sector ?? "INDUSTRY") as Sector,
    npuCapable: r.npuCapable === true,
    whatIf,
    ministry: { code: r.organization.code, name: r.organization.nameKo, nameEn: r.organization.nameEn },
    gpus: whatIf ? whatIfGpus(r) : (r.approvedGpus ?? 0),
    allocated: allocatedOf(r),
  };
}
export type PlanRequestMeta = ReturnType<typeof describe>;

function toPlannerRequest(r: RequestRow, whatIf: boolean, now: string, fallbackStart: string): PlannerRequest {
  const effective = r.decisions.find((d) => d.status === "effective");
  return {
    id: r.id,
    title: r.title ?? undefined,
    sector: (r.sector ?? "INDUSTRY") as Sector,
    ministryAx: (r.domain ?? "OTHER") !== "OTHER",
    decidedAt: whatIf ? now : (effective?.effectiveAt ?? effective?.createdAt ?? r.createdAt).toISOString(),
    desiredStartMonth: r.desiredStartMonth ?? fallbackStart,
    durationMonths: Math.max(1, r.durationMonths ?? 1),
    approvedGpus: whatIf ? whatIfGpus(r) : (r.approvedGpus ?? 0),
    alreadyAllocated: whatIf ? 0 : allocatedOf(r),
    npuCapable: r.npuCapable === true,
  };
}

/** The real approved-not-fully-allocated requests (the pool page's allocation form), without the pipeline. */
export async function approvedCandidates({ user }: { user: CurrentUser }) {
  if (!can(user, "pool:allocate")) throw forbidden();
  const rows = await realStateRequests();
  return rows.filter(isRealCandidate).map((r) => describe(r, false));
}

/**
 * GPUs the pipeline (joint planning, on an agenda, awaiting sign-off) would get "as if approved"
 * (`whatIfGpus`: the awaiting decision's count, else the plan's agreed GPUs, else the GPUs requested),
 * summed in SQL per K-NPU capability: the requested GPUs from the covering (state, …, npuCapable,
 * gpusRequested) index, then corrections read from the few plans with agreed GPUs and the few awaiting
 * decisions — no per-request work in JavaScript, no per-request subquery.
 */
function pipelineDemand(): Promise<{ total: number; npuCapable: number }> {
  // an aggregate over the whole pipeline (tens of thousands of rows at scale): kept until the next commit
  return memoUntilWrite("pool|pipeline-demand", "", sumPipelineDemand);
}

async function sumPipelineDemand(): Promise<{ total: number; npuCapable: number }> {
  const states = Prisma.join(PIPELINE_STATES);
  type Row = { npuCapable: number | boolean | null; gpus: number | bigint | null };
  const [requested, agreed, awaiting] = await Promise.all([
    db.$queryRaw<Row[]>`SELECT "npuCapable", SUM(COALESCE("gpusRequested", 0)) AS "gpus"
      FROM "DemandRequest" WHERE "state" IN (${states}) GROUP BY "npuCapable"`,
    // a plan's agreed GPUs replace the requested ones (unless a decision awaits)
    db.$queryRaw<Row[]>`SELECT r."npuCapable", SUM(p."agreedGpus" - COALESCE(r."gpusRequested", 0)) AS "gpus"
      FROM "JointPlan" p JOIN "DemandRequest" r ON r."id" = p."requestId"
      WHERE p."agreedGpus" IS NOT NULL AND r."state" IN (${states})
        AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."requestId" = r."id" AND d."status" = 'awaiting')
      GROUP BY r."npuCapable"`,
    // the latest awaiting decision's GPUs replace the requested ones (the plan's were not applied above)
    db.$queryRaw<Row[]>`SELECT r."npuCapable", SUM(d."approvedGpus" - COALESCE(r."gpusRequested", 0)) AS "gpus"
      FROM "Decision" d JOIN "DemandRequest" r ON r."id" = d."requestId"
      WHERE d."status" = 'awaiting' AND r."state" IN (${states})
        AND d."createdAt" = (SELECT MAX(d2."createdAt") FROM "Decision" d2 WHERE d2."requestId" = d."requestId" AND d2."status" = 'awaiting')
      GROUP BY r."npuCapable"`,
  ]);
  let total = 0;
  let npuCapable = 0;
  for (const row of [...requested, ...agreed, ...awaiting]) {
    const gpus = Number(row.gpus ?? 0);
    total += gpus;
    if (row.npuCapable === true || row.npuCapable === 1) npuCapable += gpus;
  }
  return { total, npuCapable };
}

/** What the what-if page offers: the real approved-not-fully-allocated requests and the pipeline. */
export async function planCandidates({ user }: { user: CurrentUser }) {
  if (!can(user, "pool:allocate")) throw forbidden();
  const [real, pipeline, counts] = await Promise.all([realStateRequests(), pipelineToList(), stateCounts({})]);
  return {
    approved: real.filter(isRealCandidate).map((r) => describe(r, false)),
    pipeline: pipeline.map((r) => describe(r, true)),
    /** every request under deliberation, listed or not */
    pipelineTotal: PIPELINE_STATES.reduce((sum, state) => sum + (counts[state] ?? 0), 0),
  };
}

/** How many requests under deliberation the planner lists to pick from (a page of checkboxes, not the whole pipeline). */
export const PIPELINE_LIST_MAX = 200;

/**
 * The requests under deliberation the planner offers, nearest to a decision first: awaiting sign-off, on an
 * agenda, then in joint planning, the oldest first in each; at most `PIPELINE_LIST_MAX`. Read state by
 * state with a limit: at 100,000 requests joint planning alone held 28,554, and reading them all (with
 * their plans, decisions and allocations by id) exceeded SQLite's limit on a statement's parameters.
 */
async function pipelineToList(): Promise<RequestRow[]> {
  const rows: RequestRow[] = [];
  for (const state of ["awaitingSignoff", "onAgenda", "jointPlanning"]) {
    if (rows.length >= PIPELINE_LIST_MAX) break;
    const page = await db.demandRequest.findMany({
      where: { state },
      select: requestSelect,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: PIPELINE_LIST_MAX - rows.length,
    });
    rows.push(...page);
  }
  return rows;
}

/**
 * A proposed schedule, nothing written. Without `requestIds`: every real approved request not
 * fully allocated. With them: exactly those, pipeline ones as if approved (any other state → 422).
 */
export async function proposeSchedule({ user, requestIds }: { user: CurrentUser; requestIds?: string[] }) {
  if (!can(user, "pool:allocate")) throw forbidden();
  const rows = requestIds ? await loadRequests({ id: { in: [...new Set(requestIds)] } }) : (await realStateRequests()).filter(isRealCandidate);
  if (requestIds) {
    const found = new Set(rows.map((r) => r.id));
    const plannable = (id: string) => rows.some((r) => r.id === id && (isRealCandidate(r) || PIPELINE_STATES.includes(r.state)));
    const bad = [...new Set(requestIds)].filter((id) => !found.has(id) || !plannable(id));
    if (bad.length > 0) {
      throw new AppError("VALIDATION_FAILED", 422, "pool.error.notPlannable", { count: bad.length }, { fields: { requestIds: bad.join(", ") } });
    }
  }
  const tranches = await listTranches({ user });
  const gpuTranches = tranches.filter((t) => t.resourceKind === "GPU");
  const now = clockNow().toISOString();
  const fallbackStart = gpuTranches[0]?.arrivesOn ?? now.slice(0, 7);
  const whatIf = new Set(rows.filter((r) => PIPELINE_STATES.includes(r.state)).map((r) => r.id));
  const plan = planAllocations({
    tranches: tranches.map(({ id, label, arrivesOn, capacity, allocated, resourceKind }) => ({ id, label, arrivesOn, capacity, allocated, resourceKind })),
    requests: rows.map((r) => toPlannerRequest(r, whatIf.has(r.id), now, fallbackStart)),
  });
  const meta = new Map(rows.map((r) => [r.id, describe(r, whatIf.has(r.id))]));
  const trancheById = new Map(tranches.map((t) => [t.id, t]));
  const existing = await activeGpuAllocations();
  return {
    perRequest: plan.perRequest.map((p) => ({ ...p, request: meta.get(p.requestId)! })),
    allocations: plan.allocations.map((a) => ({ ...a, whatIf: whatIf.has(a.requestId), trancheLabel: trancheById.get(a.trancheId)?.label ?? "" })),
    trancheFill: plan.trancheFill.map((f) => ({
      ...f,
      label: trancheById.get(f.trancheId)?.label ?? "",
      arrivesOn: trancheById.get(f.trancheId)?.arrivesOn ?? "",
    })),
    npuCapableGpus: plan.npuCapableGpus,
    timeline: capacityTimeline({ tranches: gpuTranches, allocations: existing, planned: plan.allocations }),
  };
}
export type ProposedSchedule = Awaited<ReturnType<typeof proposeSchedule>>;
export type { PlanReason };

function activeGpuAllocations() {
  return memoUntilWrite("pool|active-gpu-allocations", "", () => readActiveGpuAllocations());
}

async function readActiveGpuAllocations() {
  return db.allocation.findMany({
    where: { releasedAt: null, tranche: { resourceKind: "GPU" } },
    select: {
      startMonth: true,
      gpus: true,
      request: { select: { sector: true, npuCapable: true, organization: { select: { code: true, nameKo: true, nameEn: true } } } },
    },
  });
}

/** The /pool page: tranches, sector and ministry totals, K-NPU-capable demand, the timeline. */
export async function poolOverview({ user }: { user: CurrentUser }) {
  requirePoolReader(user);
  // nothing in it depends on the reader or the clock: kept until the next commit, figures and timeline
  return memoUntilWrite("pool|overview", "", () => computeOverview(user));
}

async function computeOverview(user: CurrentUser) {
  const [tranches, allocations, waiting, pipeline] = await Promise.all([listTranches({ user }), activeGpuAllocations(), realStateRequests(), pipelineDemand()]);
  const bySector = Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>;
  const byMinistry = new Map<string, { code: string; name: string; nameEn: string; gpus: number; npuCapableGpus: number }>();
  let npuCapableAllocated = 0;
  for (const a of allocations) {
    bySector[(a.request.sector ?? "INDUSTRY") as Sector] += a.gpus;
    const org = a.request.organization;
    const entry = byMinistry.get(org.code) ?? { code: org.code, name: org.nameKo, nameEn: org.nameEn, gpus: 0, npuCapableGpus: 0 };
    entry.gpus += a.gpus;
    if (a.request.npuCapable) {
      entry.npuCapableGpus += a.gpus;
      npuCapableAllocated += a.gpus;
    }
    byMinistry.set(org.code, entry);
  }
  // GPU demand that could move to K-NPU: allocated to NPU-capable requests, plus NPU-capable
  // demand still waiting (approved but not yet allocated, or in the pipeline as agreed / requested).
  let npuCapableWaiting = pipeline.npuCapable;
  let totalWaiting = pipeline.total;
  for (const r of waiting) {
    if (r.state === "allocated" && r.stateDetail !== "partially") continue;
    const need = Math.max(0, (r.approvedGpus ?? 0) - allocatedOf(r));
    totalWaiting += need;
    if (r.npuCapable) npuCapableWaiting += need;
  }
  const gpuTranches = tranches.filter((t) => t.resourceKind === "GPU");
  const totalAllocated = allocations.reduce((s, a) => s + a.gpus, 0);
  return {
    tranches,
    bySector,
    byMinistry: [...byMinistry.values()].sort((a, b) => b.gpus - a.gpus || a.code.localeCompare(b.code)),
    npu: { allocated: npuCapableAllocated, totalAllocated, waiting: npuCapableWaiting, totalWaiting },
    timeline: capacityTimeline({ tranches: gpuTranches, allocations }),
  };
}
