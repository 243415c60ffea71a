/**
 * GPU allocation planner (pure).
 *
 * Proposes a schedule that assigns GPUs from tranches to approved requests. Nothing here touches
 * the database, the clock or any global state: the same input always yields the same output,
 * whatever the order of the input arrays, and the input is never mutated.
 *
 * Algorithm (greedy, in priority order):
 *   1. Only tranches with `resourceKind === "GPU"` are used. They are sorted by arrival month, then id.
 *      A tranche offers `max(0, capacity - allocated)` GPUs.
 *   2. Requests are sorted with `compareRequests` (national projects first, then fields a ministry
 *      needs for its AX, then earlier decision, then id). A request needs
 *      `max(0, approvedGpus - alreadyAllocated)` GPUs.
 *   3. Each request, in that order, takes GPUs from the earliest-arriving tranche that still has
 *      capacity, then the next, and so on until it has what it needs or the pool is empty.
 *      "Earliest-arriving at or before the desired start, then later ones" is exactly ascending
 *      arrival order, so one pointer over the sorted tranches suffices: every tranche before the
 *      pointer is exhausted, every tranche after it is untouched.
 *   4. An allocation starts at `max(tranche.arrivesOn, request.desiredStartMonth)` and lasts
 *      `durationMonths`. Capacity is not returned when a period ends (a tranche's allocations are
 *      summed regardless of period, as in the database invariant).
 *
 * Guarantees (tested in planner.test.ts):
 *   - no tranche gets more than its remaining capacity; no request more than its remaining approved count;
 *   - if request r is left short (missing > 0), every GPU tranche is exhausted after r is served, so
 *     no request after r in priority order gets any GPU (the plan equals "fill the pool in priority order":
 *     scheduled(r) = min(need(r), max(0, pool - sum of needs before r)));
 *   - tranches are filled in arrival order: at most one tranche is partly used by the plan, all
 *     earlier ones are full, all later ones untouched.
 *
 * Complexity: O(T log T + R log R + R + T + A) where A = number of allocations (≤ R + T).
 */

export type Month = string; // "YYYY-MM"
export type Sector = "INDUSTRY" | "ACADEMIA_RESEARCH" | "NATIONAL_PROJECT";

export interface PlannerTranche {
  id: string;
  label: string;
  arrivesOn: Month;
  capacity: number;
  /** GPUs already committed from this tranche. */
  allocated: number;
  resourceKind: "GPU" | "NPU";
}

export interface PlannerRequest {
  id: string;
  title?: string;
  sector: Sector;
  /** The request is a field a ministry needs for its AX (a ministry's domain AX demand). */
  ministryAx: boolean;
  /** ISO date (or date-time) of the meeting's decision. */
  decidedAt: string;
  desiredStartMonth: Month;
  durationMonths: number;
  approvedGpus: number;
  alreadyAllocated: number;
  npuCapable: boolean;
}

export interface PlannedAllocation {
  requestId: string;
  trancheId: string;
  gpus: number;
  startMonth: Month;
  months: number;
}

export type PlanReason =
  | { code: "FULLY_SCHEDULED"; startMonth: Month }
  /** Start delayed past the desired month because capacity only arrives later. */
  | { code: "WAITING_FOR_TRANCHE"; trancheLabel: string; arrivesOn: Month }
  | { code: "PARTIAL_CAPACITY"; scheduled: number; missing: number }
  | { code: "NO_CAPACITY"; missing: number }
  | { code: "ALREADY_ALLOCATED" };

export interface PerRequestPlan {
  requestId: string;
  /** `priorityOf(request)`: 0 national project + ministry AX, 1 national project, 2 ministry AX, 3 other. */
  priority: number;
  /** GPUs this plan assigns (not counting `alreadyAllocated`). */
  scheduled: number;
  /** GPUs still needed after this plan. */
  missing: number;
  /** Month the first planned GPUs start; null when nothing is planned. */
  startMonth: Month | null;
  reasons: PlanReason[];
  npuCapable: boolean;
}

export interface TrancheFill {
  trancheId: string;
  capacity: number;
  allocatedBefore: number;
  planned: number;
  remaining: number;
}

export interface PlanResult {
  /** In priority order of the requests, then arrival order of the tranches. */
  allocations: PlannedAllocation[];
  /** One entry per request, in priority order (`compareRequests`). */
  perRequest: PerRequestPlan[];
  /** One entry per GPU tranche (NPU tranches are not part of a GPU plan), in arrival order then id. */
  trancheFill: TrancheFill[];
  /** GPUs in this plan assigned to requests whose workload could move to a domestic NPU (K-NPU). */
  npuCapableGpus: number;
}

export interface PlanInput {
  tranches: readonly PlannerTranche[];
  requests: readonly PlannerRequest[];
}

// ---------------------------------------------------------------------------------------------
// Month arithmetic (pure string math)

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is Month {
  return typeof value === "string" && MONTH_RE.test(value);
}

function monthIndex(m: Month): number {
  const match = MONTH_RE.exec(m);
  if (!match) throw new RangeError(`Invalid month "${m}" (expected YYYY-MM)`);
  return Number(match[1]) * 12 + (Number(match[2]) - 1);
}

function monthFromIndex(index: number): Month {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  if (year < 0 || year > 9999) throw new RangeError(`Month out of range (year ${year})`);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/** `addMonths("2026-11", 3) === "2027-02"`; `n` may be negative; must be an integer. */
export function addMonths(m: Month, n: number): Month {
  if (!Number.isInteger(n)) throw new RangeError(`addMonths: ${n} is not an integer`);
  return monthFromIndex(monthIndex(m) + n);
}

/** Negative if a < b, 0 if equal, positive if a > b. Throws on a malformed month. */
export function compareMonths(a: Month, b: Month): number {
  const d = monthIndex(a) - monthIndex(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** Whole months from a to b (b - a). */
export function monthsBetween(a: Month, b: Month): number {
  return monthIndex(b) - monthIndex(a);
}

export function maxMonth(a: Month, b: Month): Month {
  return compareMonths(a, b) >= 0 ? a : b;
}

// ---------------------------------------------------------------------------------------------
// Priority

/**
 * Priority tier, lower = served earlier:
 * 0 national project that is also a ministry AX field, 1 national project,
 * 2 ministry AX field, 3 everything else.
 */
export function priorityOf(r: PlannerRequest): number {
  return (r.sector === "NATIONAL_PROJECT" ? 0 : 2) + (r.ministryAx ? 0 : 1);
}

function decidedAtMs(r: PlannerRequest): number {
  const ms = Date.parse(r.decidedAt);
  if (Number.isNaN(ms)) throw new RangeError(`Request ${r.id}: invalid decidedAt "${r.decidedAt}"`);
  return ms;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Total order on requests: priority tier, then earlier decision (by instant, so time zones compare
 * correctly), then the decidedAt text, then id. Returns 0 only for the same id with the same keys.
 */
export function compareRequests(a: PlannerRequest, b: PlannerRequest): number {
  return priorityOf(a) - priorityOf(b) || Math.sign(decidedAtMs(a) - decidedAtMs(b)) || compareStrings(a.decidedAt, b.decidedAt) || compareStrings(a.id, b.id);
}

// ---------------------------------------------------------------------------------------------
// Validation

function assertCount(value: number, what: string, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${what} must be an integer ≥ ${min} (got ${value})`);
  }
}

function validateTranche(t: PlannerTranche): void {
  monthIndex(t.arrivesOn);
  assertCount(t.capacity, `Tranche ${t.id}: capacity`);
  assertCount(t.allocated, `Tranche ${t.id}: allocated`);
}

function validateRequest(r: PlannerRequest): void {
  monthIndex(r.desiredStartMonth);
  assertCount(r.durationMonths, `Request ${r.id}: durationMonths`, 1);
  assertCount(r.approvedGpus, `Request ${r.id}: approvedGpus`);
  assertCount(r.alreadyAllocated, `Request ${r.id}: alreadyAllocated`);
}

// ---------------------------------------------------------------------------------------------
// Planner

interface TrancheSlot {
  t: PlannerTranche;
  arrival: number;
  available: number;
  remaining: number;
}

interface RequestSlot {
  r: PlannerRequest;
  priority: number;
  decidedMs: number;
}

/**
 * Propose allocations for all given requests (the caller chooses which: approved ones, or a
 * "what if we approve these?" set). Throws RangeError on malformed input (bad month, negative or
 * fractional counts, duplicate ids).
 */
export function planAllocations(input: PlanInput): PlanResult {
  // Tranches: GPU only, sorted by arrival then id.
  const seenTranche = new Set<string>();
  const slots: TrancheSlot[] = [];
  for (const t of input.tranches) {
    if (seenTranche.has(t.id)) throw new RangeError(`Duplicate tranche id "${t.id}"`);
    seenTranche.add(t.id);
    validateTranche(t);
    if (t.resourceKind !== "GPU") continue;
    const available = Math.max(0, t.capacity - t.allocated);
    slots.push({ t, arrival: monthIndex(t.arrivesOn), available, remaining: available });
  }
  slots.sort((a, b) => a.arrival - b.arrival || compareStrings(a.t.id, b.t.id));

  // Requests: sorted by precomputed keys (same order as compareRequests).
  const seenRequest = new Set<string>();
  const queue: RequestSlot[] = [];
  for (const r of input.requests) {
    if (seenRequest.has(r.id)) throw new RangeError(`Duplicate request id "${r.id}"`);
    seenRequest.add(r.id);
    validateRequest(r);
    queue.push({ r, priority: priorityOf(r), decidedMs: decidedAtMs(r) });
  }
  queue.sort(
    (a, b) => a.priority - b.priority || Math.sign(a.decidedMs - b.decidedMs) || compareStrings(a.r.decidedAt, b.r.decidedAt) || compareStrings(a.r.id, b.r.id),
  );

  const allocations: PlannedAllocation[] = [];
  const perRequest: PerRequestPlan[] = [];
  let npuCapableGpus = 0;
  let cursor = 0; // every slot before `cursor` is exhausted

  for (const { r, priority } of queue) {
    const need = Math.max(0, r.approvedGpus - r.alreadyAllocated);
    if (need === 0) {
      perRequest.push({
        requestId: r.id,
        priority,
        scheduled: 0,
        missing: 0,
        startMonth: null,
        reasons: [{ code: "ALREADY_ALLOCATED" }],
        npuCapable: r.npuCapable,
      });
      continue;
    }

    const desired = monthIndex(r.desiredStartMonth);
    let scheduled = 0;
    let firstStart = Infinity;
    let lastStart = -Infinity;
    const waiting: PlanReason[] = [];

    while (cursor < slots.length && scheduled < need) {
      const slot = slots[cursor];
      if (slot.remaining === 0) {
        cursor++;
        continue;
      }
      const gpus = Math.min(slot.remaining, need - scheduled);
      slot.remaining -= gpus;
      scheduled += gpus;
      const start = Math.max(slot.arrival, desired);
      if (start < firstStart) firstStart = start;
      if (start > lastStart) lastStart = start;
      allocations.push({
        requestId: r.id,
        trancheId: slot.t.id,
        gpus,
        startMonth: monthFromIndex(start),
        months: r.durationMonths,
      });
      if (slot.arrival > desired) {
        waiting.push({ code: "WAITING_FOR_TRANCHE", trancheLabel: slot.t.label, arrivesOn: slot.t.arrivesOn });
      }
      if (slot.remaining === 0) cursor++;
    }

    const missing = need - scheduled;
    const reasons: PlanReason[] = [];
    if (scheduled === 0) {
      reasons.push({ code: "NO_CAPACITY", missing });
    } else if (missing === 0) {
      // The month by which every needed GPU is in place.
      reasons.push({ code: "FULLY_SCHEDULED", startMonth: monthFromIndex(lastStart) });
    } else {
      reasons.push({ code: "PARTIAL_CAPACITY", scheduled, missing });
    }
    reasons.push(...waiting);

    if (r.npuCapable) npuCapableGpus += scheduled;
    perRequest.push({
      requestId: r.id,
      priority,
      scheduled,
      missing,
      startMonth: scheduled > 0 ? monthFromIndex(firstStart) : null,
      reasons,
      npuCapable: r.npuCapable,
    });
  }

  const trancheFill: TrancheFill[] = slots.map((s) => ({
    trancheId: s.t.id,
    capacity: s.t.capacity,
    allocatedBefore: s.t.allocated,
    planned: s.available - s.remaining,
    remaining: s.remaining,
  }));

  return { allocations, perRequest, trancheFill, npuCapableGpus };
}
