import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addMonths,
  compareMonths,
  compareRequests,
  monthsBetween,
  planAllocations,
  priorityOf,
  type Month,
  type PlanResult,
  type PlannerRequest,
  type PlannerTranche,
} from "./planner.ts";

// ---------------------------------------------------------------------------------------------
// Generators

const monthArb: fc.Arbitrary<Month> = fc.integer({ min: 0, max: 47 }).map((k) => addMonths("2026-01", k)); // 2026-01..2029-12

const idArb = fc.stringMatching(/^[a-z0-9]{1,6}$/);

const trancheArb: fc.Arbitrary<PlannerTranche> = fc
  .record({
    id: idArb,
    label: fc.string({ minLength: 1, maxLength: 12 }),
    arrivesOn: monthArb,
    capacity: fc.integer({ min: 0, max: 2000 }),
    allocatedShare: fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 3, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      { weight: 1, arbitrary: fc.constant(1) },
      { weight: 1, arbitrary: fc.double({ min: 1, max: 1.2, noNaN: true }) }, // over-committed legacy data
    ),
    resourceKind: fc.constantFrom<"GPU" | "NPU">("GPU", "GPU", "GPU", "GPU", "NPU"),
  })
  .map(({ allocatedShare, ...t }) => ({ ...t, allocated: Math.floor(t.capacity * allocatedShare) }));

const decidedAtArb = fc.oneof(
  // few distinct dates → many ties, broken by id
  fc.integer({ min: 0, max: 20 }).map((d) => `2026-01-${String(d + 1).padStart(2, "0")}`),
  fc
    .record({ d: fc.integer({ min: 1, max: 28 }), h: fc.integer({ min: 0, max: 23 }), tz: fc.constantFrom("Z", "+09:00") })
    .map(({ d, h, tz }) => `2026-01-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:00:00${tz}`),
);

const requestArb: fc.Arbitrary<PlannerRequest> = fc
  .record({
    id: idArb,
    sector: fc.constantFrom<PlannerRequest["sector"]>("INDUSTRY", "ACADEMIA_RESEARCH", "NATIONAL_PROJECT"),
    ministryAx: fc.boolean(),
    decidedAt: decidedAtArb,
    desiredStartMonth: monthArb,
    durationMonths: fc.integer({ min: 1, max: 60 }),
    approvedGpus: fc.integer({ min: 0, max: 3000 }),
    alreadyShare: fc.oneof(
      { weight: 4, arbitrary: fc.constant(0) },
      { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      { weight: 1, arbitrary: fc.constant(1) },
    ),
    npuCapable: fc.boolean(),
  })
  .map(({ alreadyShare, ...r }) => ({ ...r, alreadyAllocated: Math.floor(r.approvedGpus * alreadyShare) }));

const inputArb = fc.record({
  tranches: fc.uniqueArray(trancheArb, { minLength: 1, maxLength: 30, selector: (t) => t.id }),
  requests: fc.uniqueArray(requestArb, { minLength: 0, maxLength: 200, selector: (r) => r.id }),
});

// ---------------------------------------------------------------------------------------------
// Helpers for the oracles

const need = (r: PlannerRequest) => Math.max(0, r.approvedGpus - r.alreadyAllocated);
const available = (t: PlannerTranche) => Math.max(0, t.capacity - t.allocated);
const gpuTranches = (ts: readonly PlannerTranche[]) =>
  ts.filter((t) => t.resourceKind === "GPU").sort((a, b) => compareMonths(a.arrivesOn, b.arrivesOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const byPriority = (rs: readonly PlannerRequest[]) => [...rs].sort(compareRequests);

function sumBy<T>(xs: readonly T[], f: (x: T) => number): number {
  let s = 0;
  for (const x of xs) s += f(x);
  return s;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function plan(input: { tranches: PlannerTranche[]; requests: PlannerRequest[] }): PlanResult {
  return planAllocations(input);
}

// ---------------------------------------------------------------------------------------------
// Properties

describe("planAllocations — properties", () => {
  it("never plans more than a tranche's remaining capacity, and only from GPU tranches", () => {
    fc.assert(
      fc.property(inputArb, ({ tranches, requests }) => {
        const result = plan({ tranches, requests });
        const byId = new Map(tranches.map((t) => [t.id, t]));
        for (const a of result.allocations) {
          expect(Number.isInteger(a.gpus) && a.gpus > 0).toBe(true);
          expect(byId.get(a.trancheId)?.resourceKind).toBe("GPU");
        }
        for (const t of tranches) {
          const planned = sumBy(
            result.allocations.filter((a) => a.trancheId === t.id),
            (a) => a.gpus,
          );
          expect(planned).toBeLessThanOrEqual(available(t));
        }
        // trancheFill lists exactly the GPU tranches, consistent with the allocations.
        expect(result.trancheFill.map((f) => f.trancheId)).toEqual(gpuTranches(tranches).map((t) => t.id));
        for (const f of result.trancheFill) {
          const t = byId.get(f.trancheId)!;
          expect(f.capacity).toBe(t.capacity);
          expect(f.allocatedBefore).toBe(t.allocated);
          expect(f.planned).toBe(
            sumBy(
              result.allocations.filter((a) => a.trancheId === t.id),
              (a) => a.gpus,
            ),
          );
          expect(f.planned + f.remaining).toBe(available(t));
          expect(f.remaining).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it("never plans more than a request's remaining approved count; scheduled + missing = need", () => {
    fc.assert(
      fc.property(inputArb, ({ tranches, requests }) => {
        const result = plan({ tranches, requests });
        expect(result.perRequest).toHaveLength(requests.length);
        const per = new Map(result.perRequest.map((p) => [p.requestId, p]));
        for (const r of requests) {
          const planned = sumBy(
            result.allocations.filter((a) => a.requestId === r.id),
            (a) => a.gpus,
          );
          const p = per.get(r.id)!;
          expect(planned).toBeLessThanOrEqual(need(r));
          expect(p.scheduled).toBe(planned);
          expect(p.scheduled + p.missing).toBe(need(r));
          expect(p.priority).toBe(priorityOf(r));
          expect(p.npuCapable).toBe(r.npuCapable);
        }
        expect(result.npuCapableGpus).toBe(
          sumBy(
            result.perRequest.filter((p) => p.npuCapable),
            (p) => p.scheduled,
          ),
        );
      }),
    );
  });

  it("is deterministic: same input, a copy, or shuffled arrays give a deep-equal plan; input is not mutated", () => {
    const arb = inputArb.chain(({ tranches, requests }) =>
      fc.record({
        tranches: fc.constant(tranches),
        requests: fc.constant(requests),
        shuffledTranches: fc.shuffledSubarray(tranches, { minLength: tranches.length, maxLength: tranches.length }),
        shuffledRequests: fc.shuffledSubarray(requests, { minLength: requests.length, maxLength: requests.length }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ tranches, requests, shuffledTranches, shuffledRequests }) => {
        const snapshot = structuredClone({ tranches, requests });
        const frozen = deepFreeze(structuredClone({ tranches, requests }));
        const first = plan({ tranches, requests });
        expect({ tranches, requests }).toEqual(snapshot); // not mutated
        expect(plan({ tranches, requests })).toEqual(first);
        expect(planAllocations(frozen)).toEqual(first); // frozen input: any write would throw
        expect(plan({ tranches: shuffledTranches, requests: shuffledRequests })).toEqual(first);
      }),
    );
  });

  it("starts every allocation at max(tranche arrival, desired start) for the request's duration", () => {
    fc.assert(
      fc.property(inputArb, ({ tranches, requests }) => {
        const result = plan({ tranches, requests });
        const t = new Map(tranches.map((x) => [x.id, x]));
        const r = new Map(requests.map((x) => [x.id, x]));
        for (const a of result.allocations) {
          const tr = t.get(a.trancheId)!;
          const rq = r.get(a.requestId)!;
          expect(compareMonths(a.startMonth, tr.arrivesOn)).toBeGreaterThanOrEqual(0);
          expect(compareMonths(a.startMonth, rq.desiredStartMonth)).toBeGreaterThanOrEqual(0);
          expect([tr.arrivesOn, rq.desiredStartMonth]).toContain(a.startMonth);
          expect(a.months).toBe(rq.durationMonths);
        }
        for (const p of result.perRequest) {
          const starts = result.allocations.filter((a) => a.requestId === p.requestId).map((a) => a.startMonth);
          expect(p.startMonth).toBe(starts.length ? [...starts].sort()[0] : null);
        }
      }),
    );
  });

  it("greedy exhaustion: a request left short means every GPU tranche is empty, and nothing later in priority got GPUs", () => {
    fc.assert(
      fc.property(inputArb, ({ tranches, requests }) => {
        const result = plan({ tranches, requests });
        const shortIndex = result.perRequest.findIndex((p) => p.missing > 0);
        if (shortIndex === -1) return;
        for (const f of result.trancheFill) expect(f.remaining).toBe(0);
        // Priority: a higher-priority request is never short while a lower-priority one got GPUs
        // (every GPU tranche could serve every request, at worst with a later start).
        for (const p of result.perRequest.slice(shortIndex + 1)) expect(p.scheduled).toBe(0);
      }),
    );
  });

  it("matches the oracle 'fill the pool in compareRequests order' exactly", () => {
    fc.assert(
      fc.property(inputArb, ({ tranches, requests }) => {
        const result = plan({ tranches, requests });
        const ordered = byPriority(requests);
        expect(result.perRequest.map((p) => p.requestId)).toEqual(ordered.map((r) => r.id));
        let pool = sumBy(gpuTranches(tranches), available);
        ordered.forEach((r, i) => {
          const expected = Math.min(need(r), pool);
          pool -= expected;
          expect(result.perRequest[i].scheduled).toBe(expected);
        });
      }),
    );
  });

  it("uses tranches in arrival order: allocations walk the sorted tranches monotonically, filling them like a water level", () => {
    fc.assert(
      fc.property(inputArb, ({ tranches, requests }) => {
        const result = plan({ tranches, requests });
        const sorted = gpuTranches(tranches);
        const pos = new Map(sorted.map((t, i) => [t.id, i]));
        let prev = -1;
        for (const a of result.allocations) {
          const i = pos.get(a.trancheId)!;
          expect(i).toBeGreaterThanOrEqual(prev);
          prev = i;
        }
        const fill = result.trancheFill;
        const last = fill.map((f) => f.planned > 0).lastIndexOf(true);
        fill.forEach((f, i) => {
          if (i < last) expect(f.remaining).toBe(0); // earlier-arriving tranches used up first
          if (i > last) expect(f.planned).toBe(0); // later tranches untouched
        });
      }),
    );
  });

  it("explains each request: one status reason, plus WAITING_FOR_TRANCHE for each later-arriving tranche used", () => {
    fc.assert(
      fc.property(inputArb, ({ tranches, requests }) => {
        const result = plan({ tranches, requests });
        const t = new Map(tranches.map((x) => [x.id, x]));
        const r = new Map(requests.map((x) => [x.id, x]));
        for (const p of result.perRequest) {
          const rq = r.get(p.requestId)!;
          const mine = result.allocations.filter((a) => a.requestId === p.requestId);
          const [status, ...rest] = p.reasons;
          if (need(rq) === 0) expect(status).toEqual({ code: "ALREADY_ALLOCATED" });
          else if (p.scheduled === 0) expect(status).toEqual({ code: "NO_CAPACITY", missing: need(rq) });
          else if (p.missing > 0) expect(status).toEqual({ code: "PARTIAL_CAPACITY", scheduled: p.scheduled, missing: p.missing });
          else
            expect(status).toEqual({
              code: "FULLY_SCHEDULED",
              startMonth: [...mine.map((a) => a.startMonth)].sort().at(-1),
            });
          const expectedWaiting = mine
            .map((a) => t.get(a.trancheId)!)
            .filter((tr) => compareMonths(tr.arrivesOn, rq.desiredStartMonth) > 0)
            .map((tr) => ({ code: "WAITING_FOR_TRANCHE", trancheLabel: tr.label, arrivesOn: tr.arrivesOn }));
          expect(rest).toEqual(expectedWaiting);
        }
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Priority and month helpers

describe("priority", () => {
  const base: PlannerRequest = {
    id: "x",
    sector: "INDUSTRY",
    ministryAx: false,
    decidedAt: "2026-01-10",
    desiredStartMonth: "2026-02",
    durationMonths: 12,
    approvedGpus: 10,
    alreadyAllocated: 0,
    npuCapable: false,
  };

  it("ranks national projects first, then ministry AX fields, then decision date, then id", () => {
    const natAx = { ...base, id: "d", sector: "NATIONAL_PROJECT" as const, ministryAx: true };
    const nat = { ...base, id: "c", sector: "NATIONAL_PROJECT" as const, decidedAt: "2026-03-01" };
    const ax = { ...base, id: "b", ministryAx: true, decidedAt: "2025-12-18" };
    const early = { ...base, id: "z", sector: "ACADEMIA_RESEARCH" as const, decidedAt: "2025-12-18" };
    const lateA = { ...base, id: "a" };
    const lateB = { ...base, id: "b2" };
    expect([lateB, early, lateA, ax, nat, natAx].sort(compareRequests).map((r) => r.id)).toEqual(["d", "c", "b", "z", "a", "b2"]);
    expect([natAx, nat, ax, early].map(priorityOf)).toEqual([0, 1, 2, 3]);
  });

  it("compares decision instants, not text (time zones)", () => {
    const seoul = { ...base, id: "s", decidedAt: "2026-01-10T08:00:00+09:00" }; // 2026-01-09T23:00Z
    const utc = { ...base, id: "a", decidedAt: "2026-01-09T23:30:00Z" };
    expect(compareRequests(seoul, utc)).toBeLessThan(0);
  });

  it("is a total order consistent with sorting", () => {
    fc.assert(
      fc.property(fc.uniqueArray(requestArb, { maxLength: 40, selector: (r) => r.id }), (rs) => {
        for (const a of rs)
          for (const b of rs) {
            const ab = compareRequests(a, b);
            expect(Math.sign(ab)).toBe(-Math.sign(compareRequests(b, a)) || 0);
            if (a.id !== b.id) expect(ab).not.toBe(0);
          }
      }),
    );
  });
});

describe("month helpers", () => {
  it("addMonths / compareMonths / monthsBetween agree with calendar arithmetic", () => {
    fc.assert(
      fc.property(monthArb, fc.integer({ min: -600, max: 600 }), (m, n) => {
        const [y, mo] = m.split("-").map(Number);
        const d = new Date(Date.UTC(y, mo - 1 + n, 1));
        const expected = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
        const got = addMonths(m, n);
        expect(got).toBe(expected);
        expect(addMonths(got, -n)).toBe(m);
        expect(Math.sign(compareMonths(got, m))).toBe(Math.sign(n));
        expect(monthsBetween(m, got)).toBe(n);
      }),
    );
    expect(addMonths("2026-11", 3)).toBe("2027-02");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
  });

  it("rejects malformed months", () => {
    expect(() => compareMonths("2026-13", "2026-01")).toThrow(RangeError);
    expect(() => addMonths("2026-1", 1)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Concrete examples

describe("planAllocations — examples", () => {
  const t2026: PlannerTranche[] = [
    { id: "t-2026-06", label: "2026년 3차", arrivesOn: "2026-06", capacity: 3500, allocated: 0, resourceKind: "GPU" },
    { id: "t-2026-02", label: "2026년 1차", arrivesOn: "2026-02", capacity: 3000, allocated: 0, resourceKind: "GPU" },
    { id: "t-2026-09", label: "2026년 4차", arrivesOn: "2026-09", capacity: 3500, allocated: 0, resourceKind: "GPU" },
    { id: "t-2026-04", label: "2026년 2차", arrivesOn: "2026-04", capacity: 3000, allocated: 0, resourceKind: "GPU" },
    { id: "npu-2026-01", label: "K-NPU 1차", arrivesOn: "2026-01", capacity: 5000, allocated: 0, resourceKind: "NPU" },
  ];
  const req = (r: Partial<PlannerRequest> & Pick<PlannerRequest, "id">): PlannerRequest => ({
    sector: "INDUSTRY",
    ministryAx: false,
    decidedAt: "2025-12-18",
    desiredStartMonth: "2026-02",
    durationMonths: 12,
    approvedGpus: 0,
    alreadyAllocated: 0,
    npuCapable: false,
    ...r,
  });
  const requests: PlannerRequest[] = [
    req({ id: "C-academia", sector: "ACADEMIA_RESEARCH", desiredStartMonth: "2026-02", durationMonths: 24, approvedGpus: 6000, npuCapable: true }),
    req({ id: "D-done", decidedAt: "2026-01-05", desiredStartMonth: "2026-07", approvedGpus: 1000, alreadyAllocated: 1000 }),
    req({ id: "B-ax", ministryAx: true, desiredStartMonth: "2026-03", durationMonths: 6, approvedGpus: 4000, npuCapable: true }),
    req({ id: "A-national", sector: "NATIONAL_PROJECT", decidedAt: "2026-01-20", approvedGpus: 5000 }),
  ];

  it("schedules the 13,000 GPUs of 2026 (tranches from 2026-02) in priority order and ignores the NPU tranche", () => {
    const result = planAllocations({ tranches: t2026, requests });
    expect(result.allocations).toEqual([
      { requestId: "A-national", trancheId: "t-2026-02", gpus: 3000, startMonth: "2026-02", months: 12 },
      { requestId: "A-national", trancheId: "t-2026-04", gpus: 2000, startMonth: "2026-04", months: 12 },
      { requestId: "B-ax", trancheId: "t-2026-04", gpus: 1000, startMonth: "2026-04", months: 6 },
      { requestId: "B-ax", trancheId: "t-2026-06", gpus: 3000, startMonth: "2026-06", months: 6 },
      { requestId: "C-academia", trancheId: "t-2026-06", gpus: 500, startMonth: "2026-06", months: 24 },
      { requestId: "C-academia", trancheId: "t-2026-09", gpus: 3500, startMonth: "2026-09", months: 24 },
    ]);
    expect(result.trancheFill).toEqual([
      { trancheId: "t-2026-02", capacity: 3000, allocatedBefore: 0, planned: 3000, remaining: 0 },
      { trancheId: "t-2026-04", capacity: 3000, allocatedBefore: 0, planned: 3000, remaining: 0 },
      { trancheId: "t-2026-06", capacity: 3500, allocatedBefore: 0, planned: 3500, remaining: 0 },
      { trancheId: "t-2026-09", capacity: 3500, allocatedBefore: 0, planned: 3500, remaining: 0 },
    ]);
    expect(sumBy(result.trancheFill, (f) => f.planned)).toBe(13_000);
    expect(result.npuCapableGpus).toBe(8000); // B 4000 + C 4000
  });

  it("explains delays with the tranche label, partial capacity and already-allocated requests", () => {
    const result = planAllocations({ tranches: t2026, requests });
    expect(result.perRequest).toEqual([
      {
        requestId: "A-national",
        priority: 1,
        scheduled: 5000,
        missing: 0,
        startMonth: "2026-02",
        npuCapable: false,
        reasons: [
          { code: "FULLY_SCHEDULED", startMonth: "2026-04" },
          { code: "WAITING_FOR_TRANCHE", trancheLabel: "2026년 2차", arrivesOn: "2026-04" },
        ],
      },
      {
        requestId: "B-ax",
        priority: 2,
        scheduled: 4000,
        missing: 0,
        startMonth: "2026-04",
        npuCapable: true,
        reasons: [
          { code: "FULLY_SCHEDULED", startMonth: "2026-06" },
          { code: "WAITING_FOR_TRANCHE", trancheLabel: "2026년 2차", arrivesOn: "2026-04" },
          { code: "WAITING_FOR_TRANCHE", trancheLabel: "2026년 3차", arrivesOn: "2026-06" },
        ],
      },
      {
        requestId: "C-academia",
        priority: 3,
        scheduled: 4000,
        missing: 2000,
        startMonth: "2026-06",
        npuCapable: true,
        reasons: [
          { code: "PARTIAL_CAPACITY", scheduled: 4000, missing: 2000 },
          { code: "WAITING_FOR_TRANCHE", trancheLabel: "2026년 3차", arrivesOn: "2026-06" },
          { code: "WAITING_FOR_TRANCHE", trancheLabel: "2026년 4차", arrivesOn: "2026-09" },
        ],
      },
      {
        requestId: "D-done",
        priority: 3,
        scheduled: 0,
        missing: 0,
        startMonth: null,
        npuCapable: false,
        reasons: [{ code: "ALREADY_ALLOCATED" }],
      },
    ]);
  });

  it("uses an already-arrived tranche at the desired start, with no waiting reason", () => {
    const result = planAllocations({
      tranches: t2026,
      requests: [req({ id: "late", desiredStartMonth: "2027-01", approvedGpus: 100, npuCapable: true })],
    });
    expect(result.allocations).toEqual([{ requestId: "late", trancheId: "t-2026-02", gpus: 100, startMonth: "2027-01", months: 12 }]);
    expect(result.perRequest[0].reasons).toEqual([{ code: "FULLY_SCHEDULED", startMonth: "2027-01" }]);
    expect(result.npuCapableGpus).toBe(100);
  });

  it("respects partly allocated tranches and reports NO_CAPACITY once the pool is empty", () => {
    const result = planAllocations({
      tranches: [
        { id: "a", label: "A", arrivesOn: "2026-02", capacity: 3000, allocated: 2500, resourceKind: "GPU" },
        { id: "b", label: "B", arrivesOn: "2026-02", capacity: 100, allocated: 100, resourceKind: "GPU" },
        { id: "n", label: "NPU", arrivesOn: "2026-02", capacity: 9999, allocated: 0, resourceKind: "NPU" },
      ],
      requests: [req({ id: "r1", approvedGpus: 800, alreadyAllocated: 200 }), req({ id: "r2", approvedGpus: 50, decidedAt: "2026-02-01" })],
    });
    expect(result.allocations).toEqual([{ requestId: "r1", trancheId: "a", gpus: 500, startMonth: "2026-02", months: 12 }]);
    expect(result.perRequest.map((p) => p.reasons[0])).toEqual([
      { code: "PARTIAL_CAPACITY", scheduled: 500, missing: 100 },
      { code: "NO_CAPACITY", missing: 50 },
    ]);
    expect(result.trancheFill.map((f) => [f.trancheId, f.remaining])).toEqual([
      ["a", 0],
      ["b", 0],
    ]);
  });

  it("rejects malformed input rather than guessing", () => {
    expect(() => planAllocations({ tranches: [...t2026, t2026[0]], requests: [] })).toThrow(/Duplicate tranche/);
    expect(() => planAllocations({ tranches: t2026, requests: [requests[0], requests[0]] })).toThrow(/Duplicate request/);
    expect(() => planAllocations({ tranches: t2026, requests: [req({ id: "x", approvedGpus: 1.5 })] })).toThrow(RangeError);
    expect(() => planAllocations({ tranches: t2026, requests: [req({ id: "x", decidedAt: "soon" })] })).toThrow(RangeError);
  });

  it("plans 10,000 requests over 24 tranches quickly", () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const tranches: PlannerTranche[] = Array.from({ length: 24 }, (_, i) => ({
      id: `t${i}`,
      label: `T${i}`,
      arrivesOn: addMonths("2026-02", i * 2),
      capacity: 2167,
      allocated: 0,
      resourceKind: "GPU",
    }));
    const reqs: PlannerRequest[] = Array.from({ length: 10_000 }, (_, i) =>
      req({
        id: `r${i}`,
        sector: (["INDUSTRY", "ACADEMIA_RESEARCH", "NATIONAL_PROJECT"] as const)[Math.floor(rnd() * 3)],
        ministryAx: rnd() < 0.4,
        decidedAt: `2026-01-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`,
        desiredStartMonth: addMonths("2026-01", Math.floor(rnd() * 36)),
        approvedGpus: 1 + Math.floor(rnd() * 16),
      }),
    );
    planAllocations({ tranches, requests: reqs }); // warm-up
    const t0 = performance.now();
    planAllocations({ tranches, requests: reqs });
    // Generous bound for shared CI machines; scripts/bench-planner.ts tracks the real figure (target < 200 ms).
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
