/**
 * The figures of the dashboard and of `GET /api/v1/stats/pipeline`, aggregated by the database
 * (GROUP BY, a window over the audit log): the app only pivots the grouped rows, whose number
 * depends on the kinds of things (states, ministries, sectors, domains, months), not on how many
 * requests there are.
 *
 * - pipeline: requests by state × ministry × sector × domain (and NPU answer), with GPUs requested;
 * - time in each state: from the audit log, each state entry to the next state change;
 * - screening deadline: business days (Korean calendar) from entering screening to the decision;
 * - GPUs by month: requested / agreed / approved by desired start month, allocated by allocation
 *   start, arrived by tranche arrival;
 * - NPU-capable share.
 *
 * Results are kept per scope and filters until the next commit to the database or the Korean day changes.
 */
import { REQUEST_STATES, type RequestState } from "#workflows/demand-request.machine";
import { Prisma } from "~/generated/prisma/client";
import type { CurrentUser } from "~/modules/auth/session.server";
import { addBusinessDays, businessDaysBetween } from "~/modules/calendar/business-days";
import { DOMAINS, SECTORS } from "~/modules/requests/request.schema";
import { screeningDueBusinessDays } from "~/utils/config.server";
import { now, todayInKorea } from "~/utils/clock";
import { db } from "~/utils/db.server";
import { leanAll, memoUntilWrite } from "~/utils/lean-read.server";
import { koreanDay } from "~/utils/sql-dialect.server";
import type { StatsQuery } from "./stats.schema";
import { keyWhere, screeningDecisionDays, stayTotals } from "./stay-totals.server";
import { isMinistryScoped } from "~/modules/auth/permissions";

/** States whose requests are demand in the pipeline (not drafts, not withdrawn). */
const NOT_DEMAND = ["draft", "withdrawn"];
/** States in which the approved GPU count stands. */
const APPROVED_STATES = ["approved", "conditionallyApproved", "allocated", "active", "closed"];

interface Scope {
  officer: boolean;
  /** The one ministry the figures are about (an officer's own, or the ministry filter), or null for all. */
  organizationId: string | null;
  sector: string | null;
  domain: string | null;
}

async function resolveScope(user: CurrentUser, query: StatsQuery): Promise<Scope> {
  const officer = isMinistryScoped(user);
  let organizationId: string | null = officer ? user.organization.id : null;
  if (!officer && query.ministry) {
    const org = await db.organization.findUnique({ where: { code: query.ministry }, select: { id: true } });
    organizationId = org?.id ?? "(none)"; // an unknown code matches nothing
  }
  return { officer, organizationId, sector: query.sector ?? null, domain: query.domain ?? null };
}

/** The scope as a Prisma filter on requests. */
function requestWhere(scope: Scope): Prisma.DemandRequestWhereInput {
  return {
    ...(scope.organizationId ? { organizationId: scope.organizationId } : {}),
    ...(scope.sector ? { sector: scope.sector } : {}),
    ...(scope.domain ? { domain: scope.domain } : {}),
  };
}

/** The scope as SQL conditions on the request alias `r`. */
function requestSql(scope: Scope): Prisma.Sql {
  const parts = [Prisma.sql`1 = 1`];
  if (scope.organizationId) parts.push(Prisma.sql`r."organizationId" = ${scope.organizationId}`);
  if (scope.sector) parts.push(Prisma.sql`r."sector" = ${scope.sector}`);
  if (scope.domain) parts.push(Prisma.sql`r."domain" = ${scope.domain}`);
  return Prisma.join(parts, " AND ");
}

const num = (v: unknown) => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : v === null || v === undefined ? 0 : Number(v));

/** Requests per state, ministry, sector, domain and NPU answer: from the rows the triggers keep (ADR 0055). */
async function pipelineGroups(scope: Scope) {
  const w = keyWhere(scope);
  const rows = await leanAll<{ state: string; organizationId: string; sector: string; domain: string; npu: number; count: number; gpus: number }>(
    `SELECT "state", "organizationId", "sector", "domain", "npu", SUM("count") AS "count", SUM("gpusRequested") AS "gpus"
    FROM "RequestCube" WHERE ${w.sql}
    GROUP BY "state", "organizationId", "sector", "domain", "npu" HAVING SUM("count") > 0`,
    w.params,
  );
  return rows.map((r) => ({
    state: r.state,
    organizationId: r.organizationId,
    sector: r.sector === "" ? null : r.sector,
    domain: r.domain === "" ? null : r.domain,
    npuCapable: Number(r.npu) === -1 ? null : Number(r.npu) === 1,
    count: Number(r.count),
    gpusRequested: Number(r.gpus),
  }));
}

/** Time in each state (ADR 0054): from the maintained totals, a few rows whatever the audit log's length. */
async function timeInState(scope: Scope) {
  const byState = new Map((await stayTotals(scope)).map((r) => [r.state, r]));
  return REQUEST_STATES.filter((state) => byState.has(state)).map((state) => {
    const r = byState.get(state)!;
    return {
      state,
      endedStays: r.ended,
      averageDays: r.ended > 0 ? Math.round((r.sumDays / r.ended) * 10) / 10 : null,
      longestDays: r.maxDays === null ? null : Math.round(r.maxDays * 10) / 10,
      current: r.current,
    };
  });
}

/** Screening stays that ended in a decision (accept or return), counted per (entered, decided) Korean day pair. */
async function screeningDeadline(scope: Scope) {
  const dueBusinessDays = screeningDueBusinessDays();
  const [pairs, waitingDays] = await Promise.all([
    screeningDecisionDays(scope), // maintained (ADR 0054)
    db.$queryRaw<{ submittedOn: string | null; n: bigint }[]>(Prisma.sql`
      SELECT ${koreanDay(Prisma.sql`r."submittedAt"`)} AS "submittedOn", COUNT(*) AS "n"
      FROM "DemandRequest" r WHERE r."state" = 'screening' AND ${requestSql(scope)}
      GROUP BY 1`),
  ]);
  // the calendar (weekends, Korean public holidays) applies per distinct pair of days, not per request
  const histogram = Array.from({ length: dueBusinessDays + 2 }, () => 0); // 0..due business days, then "over"
  let decided = 0,
    withinDue = 0,
    businessDays = 0;
  for (const p of pairs) {
    const n = num(p.n);
    const days = businessDaysBetween(p.enteredOn, p.decidedOn);
    decided += n;
    businessDays += days * n;
    if (days <= dueBusinessDays) withinDue += n;
    histogram[Math.min(days, dueBusinessDays + 1)] += n;
  }
  const today = todayInKorea();
  let waiting = 0,
    overdue = 0;
  for (const w of waitingDays) {
    const n = num(w.n);
    waiting += n;
    if (w.submittedOn && today > addBusinessDays(w.submittedOn, dueBusinessDays)) overdue += n;
  }
  return {
    dueBusinessDays,
    decided,
    withinDue,
    onTimeRate: decided > 0 ? withinDue / decided : null,
    averageBusinessDays: decided > 0 ? Math.round((businessDays / decided) * 10) / 10 : null,
    histogram: histogram.map((count, i) => ({ businessDays: i <= dueBusinessDays ? i : null, count })),
    waiting,
    overdue,
  };
}

type MonthRow = { month: string | null; gpus: bigint | number | null };

async function gpusByMonth(scope: Scope) {
  const where = requestWhere(scope);
  const w = keyWhere(scope);
  const cubeByMonth = (sum: "gpusRequested" | "approvedGpus", states: string, list: readonly string[]) =>
    leanAll<{ month: string; gpus: number }>(
      `SELECT "desiredStartMonth" AS "month", SUM("${sum}") AS "gpus" FROM "RequestCube"
      WHERE ${w.sql} AND "desiredStartMonth" <> '' AND "state" ${states} (${list.map(() => "?").join(", ")})
      GROUP BY "desiredStartMonth"`,
      [...w.params, ...list],
    );
  const [requested, agreed, approved, allocated, arrived] = await Promise.all([
    cubeByMonth("gpusRequested", "NOT IN", NOT_DEMAND), // from the rows the triggers keep (ADR 0055)
    db.$queryRaw<MonthRow[]>(Prisma.sql`
      SELECT r."desiredStartMonth" AS "month", SUM(p."agreedGpus") AS "gpus"
      FROM "JointPlan" p JOIN "DemandRequest" r ON r."id" = p."requestId"
      WHERE p."revision" > 0 AND p."agreedGpus" IS NOT NULL AND r."desiredStartMonth" IS NOT NULL
        AND r."state" NOT IN (${Prisma.join(NOT_DEMAND)}) AND ${requestSql(scope)}
      GROUP BY r."desiredStartMonth"`),
    cubeByMonth("approvedGpus", "IN", APPROVED_STATES),
    db.allocation.groupBy({ by: ["startMonth"], where: { releasedAt: null, request: where }, _sum: { gpus: true } }),
    // the pool's arrivals are cross-ministry figures: not for ministry officers (like the pool page)
    scope.officer ? Promise.resolve([]) : db.tranche.groupBy({ by: ["arrivalMonth"], _sum: { capacity: true } }),
  ]);
  const months = new Map<string, { requested: number; agreed: number; approved: number; allocated: number; arrived: number | null }>();
  const at = (month: string) => {
    let row = months.get(month);
    if (!row) months.set(month, (row = { requested: 0, agreed: 0, approved: 0, allocated: 0, arrived: scope.officer ? null : 0 }));
    return row;
  };
  for (const r of requested) at(r.month).requested += num(r.gpus);
  for (const r of agreed) if (r.month) at(r.month).agreed += num(r.gpus);
  for (const r of approved) at(r.month).approved += num(r.gpus);
  for (const r of allocated) at(r.startMonth).allocated += r._sum.gpus ?? 0;
  for (const r of arrived) {
    const row = at(r.arrivalMonth);
    row.arrived = (row.arrived ?? 0) + (r._sum.capacity ?? 0);
  }
  let cumulative = 0;
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, row]) => {
      cumulative += row.arrived ?? 0;
      return { month, ...row, cumulativeArrived: scope.officer ? null : cumulative };
    });
}

type Group = Awaited<ReturnType<typeof pipelineGroups>>[number];

function tally<K extends string>(groups: Group[], key: (g: Group) => K | null, keys: readonly K[]) {
  const out = new Map<K | null, { count: number; gpusRequested: number }>();
  for (const k of keys) out.set(k, { count: 0, gpusRequested: 0 });
  for (const g of groups) {
    const k = key(g);
    const row = out.get(k) ?? { count: 0, gpusRequested: 0 };
    row.count += g.count;
    row.gpusRequested += g.gpusRequested;
    out.set(k, row);
  }
  return [...out.entries()].filter(([k, v]) => k !== null || v.count > 0);
}

async function compute(user: CurrentUser, query: StatsQuery) {
  const scope = await resolveScope(user, query);
  const [groups, time, screening, months, organizations] = await Promise.all([
    pipelineGroups(scope),
    timeInState(scope),
    screeningDeadline(scope),
    gpusByMonth(scope),
    db.organization.findMany({ select: { id: true, code: true, nameKo: true, nameEn: true }, orderBy: { code: "asc" } }),
  ]);
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const ministryOf = (id: string) => {
    const o = orgById.get(id);
    return { code: o?.code ?? "?", name: o?.nameKo ?? "?", nameEn: o?.nameEn ?? "?" };
  };
  const byMinistry = new Map<string, { ministry: ReturnType<typeof ministryOf>; total: number; states: Partial<Record<RequestState, number>> }>();
  for (const g of groups) {
    const row = byMinistry.get(g.organizationId) ?? { ministry: ministryOf(g.organizationId), total: 0, states: {} };
    row.total += g.count;
    row.states[g.state as RequestState] = (row.states[g.state as RequestState] ?? 0) + g.count;
    byMinistry.set(g.organizationId, row);
  }
  // the same groups without the NPU answer: state × ministry × sector × domain
  const cells = new Map<string, { state: string; ministry: string; sector: string | null; domain: string | null; count: number; gpusRequested: number }>();
  for (const g of groups) {
    const ministry = ministryOf(g.organizationId).code;
    const key = [g.state, ministry, g.sector, g.domain].join("|");
    const cell = cells.get(key) ?? { state: g.state, ministry, sector: g.sector, domain: g.domain, count: 0, gpusRequested: 0 };
    cell.count += g.count;
    cell.gpusRequested += g.gpusRequested;
    cells.set(key, cell);
  }
  const demand = groups.filter((g) => !NOT_DEMAND.includes(g.state));
  const npuOf = (g: Group) => (g.npuCapable === null ? "unanswered" : g.npuCapable ? "capable" : "notCapable");
  const npuTotals = Object.fromEntries(tally(demand, npuOf, ["capable", "notCapable", "unanswered"] as const)) as Record<
    "capable" | "notCapable" | "unanswered",
    { count: number; gpusRequested: number }
  >;
  return {
    generatedAt: now().toISOString(),
    scope: scope.officer ? { ministry: user.organization.code } : { ministry: query.ministry ?? null },
    filters: { ministry: scope.officer ? user.organization.code : (query.ministry ?? null), sector: query.sector ?? null, domain: query.domain ?? null },
    total: groups.reduce((s, g) => s + g.count, 0),
    byState: tally(groups, (g) => g.state as RequestState, REQUEST_STATES).map(([state, v]) => ({ state: state as RequestState, ...v })),
    byMinistry: [...byMinistry.values()].sort((a, b) => b.total - a.total || a.ministry.code.localeCompare(b.ministry.code)),
    bySector: tally(groups, (g) => g.sector as (typeof SECTORS)[number] | null, SECTORS).map(([sector, v]) => ({ sector, ...v })),
    byDomain: tally(groups, (g) => g.domain as (typeof DOMAINS)[number] | null, DOMAINS).map(([domain, v]) => ({ domain, ...v })),
    groups: [...cells.values()],
    timeInState: time,
    screening,
    gpusByMonth: months,
    npu: {
      ...npuTotals,
      bySector: SECTORS.map((sector) => {
        const inSector = demand.filter((g) => g.sector === sector);
        const count = (kind: string) => inSector.filter((g) => npuOf(g) === kind).reduce((s, g) => s + g.count, 0);
        return { sector, capable: count("capable"), notCapable: count("notCapable"), unanswered: count("unanswered") };
      }),
    },
  };
}

export type PipelineStats = Awaited<ReturnType<typeof compute>>;

/**
 * The dashboard's figures for this caller (officers: their ministry only) under the filters, kept until
 * the next commit to the database or the next Korean day (`memoUntilWrite`, ADR 0025: concurrent views
 * share one computation, a failure is not kept). `fresh` skips the memo (benchmarks measure the queries).
 */
export async function pipelineStats({ user, query, fresh = false }: { user: CurrentUser; query: StatsQuery; fresh?: boolean }): Promise<PipelineStats> {
  if (fresh) return compute(user, query);
  const key = JSON.stringify([
    "pipeline-stats",
    isMinistryScoped(user) ? user.organization.id : "*",
    query.ministry ?? null,
    query.sector ?? null,
    query.domain ?? null,
  ]);
  return memoUntilWrite(key, todayInKorea(), () => compute(user, query));
}
