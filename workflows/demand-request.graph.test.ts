/**
 * Whole-machine properties over every reachable snapshot (explored with xstate/graph
 * getShortestPaths and an event generator of valid and invalid events from several actors).
 */
import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import {
  CHECK_GUARDS,
  EVENT_TYPES,
  REFUSAL_CODES,
  explainRefusal,
  sendEvent,
  stateName,
  type CheckGuardName,
  type Refusal,
  type RefusalCode,
  type RequestEvent,
  type RequestSnapshot,
} from "./demand-request.machine";
import { STATE_KEYS, sampleEvent, stateKey } from "./fixtures";
import { ALL_ACTORS, firstFailingGuard, outcomesIn, payloadVariants, reachableSnapshots, type Outcome } from "./test-events";

const serialize = (s: RequestSnapshot) => JSON.stringify({ value: s.value, context: s.context });

/** A SCHEDULE to the meeting (and agreed count) the item is already on is accepted but changes nothing. */
const isNoOpReschedule = (s: RequestSnapshot, e: RequestEvent) =>
  e.type === "SCHEDULE" && e.meetingId === s.context.meetingId && e.plan.agreedGpus === s.context.agreedGpus;

function checkConsistent(s: RequestSnapshot, e: RequestEvent, known?: Outcome) {
  let refusal: Refusal | null;
  let next: RequestSnapshot;
  let changed: boolean;
  if (known) ({ refusal, next, changed } = known);
  else {
    refusal = explainRefusal(s, e);
    ({ snapshot: next, changed } = sendEvent(s, e));
  }
  const deepChanged = !isDeepStrictEqual(next.value, s.value) || !isDeepStrictEqual(next.context, s.context);
  const where = `${stateKey(s)} ${JSON.stringify(e)}`;
  expect(refusal === null, where).toBe(changed);
  if (refusal) {
    expect(next, where).toBe(s);
    expect(REFUSAL_CODES, where).toContain(refusal.code);
  } else if (!isNoOpReschedule(s, e)) {
    expect(deepChanged, where).toBe(true);
  }
}

// exploring ~470 snapshots and checking ~170,000 (snapshot, event) pairs takes a minute or more on a busy machine
describe("whole machine", { timeout: 600_000 }, () => {
  const snapshots = reachableSnapshots();

  it("reaches every state and allocation detail (getShortestPaths)", () => {
    expect(snapshots.length).toBeGreaterThan(STATE_KEYS.length);
    expect(new Set(snapshots.map(stateKey))).toEqual(new Set(STATE_KEYS));
  });

  it("explainRefusal is null exactly when the machine takes the event (enumerated)", () => {
    let accepted = 0;
    let refused = 0;
    for (const s of snapshots) {
      for (const outcome of outcomesIn(s)) {
        checkConsistent(s, outcome.event, outcome);
        if (outcome.refusal) refused++;
        else accepted++;
      }
    }
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(1000);
  });

  it("explainRefusal is null exactly when the machine takes the event (random)", () => {
    const str = fc.constantFrom("", " ", "사유", "meeting-1", "meeting-2", "meeting-3");
    const num = fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constantFrom(0.5, Number.NaN, 1e9));
    const actor = fc.oneof(
      fc.constantFrom(...ALL_ACTORS),
      fc.record({
        userId: fc.constantFrom("u-chair", "u-member-1", "u-x"),
        role: fc.constantFrom("ADMIN", "SECRETARIAT", "APPROVER", "MINISTRY_OFFICER"),
        organizationId: fc.constantFrom("org-mohw", "org-msit", "org-x"),
        isChair: fc.boolean(),
      }),
    );
    const event = fc.record({
      type: fc.constantFrom(...EVENT_TYPES),
      actor,
      reason: str,
      reasons: fc.array(str, { maxLength: 2 }),
      meetingId: str,
      plan: fc.record({ coSigned: fc.boolean(), agreedGpus: fc.option(num) }),
      meetingAcceptsItems: fc.boolean(),
      agendaLocked: fc.boolean(),
      meetingHeld: fc.boolean(),
      outcome: fc.constantFrom("approve", "approveWithConditions", "defer", "reject"),
      approvedGpus: num,
      conditions: fc.array(fc.record({ text: str, dueOn: fc.constantFrom("2026-06-30", "2026-02-30", "soon") }), { maxLength: 2 }),
      allConditionsMet: fc.boolean(),
      gpus: num,
    }) as fc.Arbitrary<unknown> as fc.Arbitrary<RequestEvent>;
    fc.assert(
      fc.property(fc.nat(snapshots.length - 1), event, (i, e) => checkConsistent(snapshots[i], e)),
      { numRuns: 3000, seed: 20251218 },
    );
  });

  it("refuses with WRONG_ROLE before any payload reason", () => {
    for (const s of snapshots) {
      for (const e of payloadVariants(
        ALL_ACTORS.find((a) => a.role === "ADMIN")!,
        s,
      )) {
        const code = explainRefusal(s, e)?.code;
        expect(["WRONG_ROLE", "NOT_IN_STATE", "FINAL_STATE"]).toContain(code);
      }
    }
  });

  it("exercises every guard both allowed and refused, and produces every refusal code", () => {
    const passed = new Set<CheckGuardName>();
    const failedFirst = new Set<CheckGuardName>();
    const codes = new Set<RefusalCode>();
    for (const s of snapshots) {
      for (const { event: e, refusal } of outcomesIn(s)) {
        if (refusal) codes.add(refusal.code);
        if (refusal?.code === "NOT_IN_STATE" || refusal?.code === "FINAL_STATE") continue;
        const failing = firstFailingGuard(s, e);
        if (failing) failedFirst.add(failing);
        for (const g of Object.keys(CHECK_GUARDS) as CheckGuardName[]) {
          if (CHECK_GUARDS[g](s.context, e) && (!refusal || failing !== g)) passed.add(g);
        }
        if (!refusal) expect(failing).toBeNull();
      }
    }
    const all = Object.keys(CHECK_GUARDS);
    expect([...failedFirst].sort()).toEqual([...all].sort());
    expect([...passed].sort()).toEqual([...all].sort());
    expect([...codes].sort()).toEqual([...REFUSAL_CODES].sort());
  });

  it("every event in every non-final state transitions or is refused with a reason", () => {
    for (const s of snapshots) {
      for (const type of EVENT_TYPES) {
        const e = sampleEvent(type, s);
        const { changed } = sendEvent(s, e);
        const refusal = explainRefusal(s, e);
        if (s.status === "done") expect(refusal).toEqual({ code: "FINAL_STATE", params: { state: stateName(s) } });
        else expect(changed || (refusal !== null && REFUSAL_CODES.includes(refusal.code))).toBe(true);
      }
    }
  });

  it("every non-final state has a way out, and a final state is reachable from it", () => {
    const bySerial = new Map(snapshots.map((s) => [serialize(s), s]));
    const edges = new Map<string, string[]>();
    for (const s of snapshots) {
      const taken = outcomesIn(s).filter((o) => o.changed);
      edges.set(
        serialize(s),
        taken.map((o) => serialize(o.next)),
      );
      if (s.status !== "done") {
        expect(
          taken.some((o) => stateKey(o.next) !== stateKey(s)),
          stateKey(s),
        ).toBe(true);
      }
    }
    for (const s of snapshots) {
      const seen = new Set([serialize(s)]);
      const queue = [serialize(s)];
      let final = false;
      while (queue.length && !final) {
        const cur = queue.shift()!;
        if (bySerial.get(cur)?.status === "done") final = true;
        for (const t of edges.get(cur) ?? []) {
          if (seen.has(t)) continue;
          seen.add(t);
          queue.push(t);
        }
      }
      expect(final, stateKey(s)).toBe(true);
    }
  });
});
