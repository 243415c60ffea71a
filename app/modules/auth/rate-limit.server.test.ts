import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import {
  ACCOUNT_CLIENT_POLICY,
  DbThrottleStore,
  delayAfter,
  MemoryThrottleStore,
  signInThrottle,
  type ThrottlePolicy,
  type ThrottleStore,
} from "./rate-limit.server";

const policy: ThrottlePolicy = { free: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 15 * 60_000 };

// the same rules in memory (one process) and in the database (instances sharing PostgreSQL, ADR 0024)
describe.each([
  ["MemoryThrottleStore", (now?: () => number): ThrottleStore => new MemoryThrottleStore(now)],
  ["DbThrottleStore", (now?: () => number): ThrottleStore => new DbThrottleStore(db, now)],
])("%s", (_name, makeStore) => {
  beforeEach(async () => {
    await db.signInThrottle.deleteMany();
  });

  it("lets `free` attempts through, then one at a time, 1 s, 2 s, 4 s … after the last one failed", async () => {
    let now = 1_000_000;
    const store = makeStore(() => now);
    for (let i = 0; i < 5; i++) expect(await store.reserve("k", policy)).toBe(0);
    // while the 5 checks run, nothing more gets through
    expect(await store.reserve("k", policy)).toBeGreaterThan(0);
    now += 400;
    for (let i = 0; i < 5; i++) await store.failed("k", policy);
    expect(await store.reserve("k", policy)).toBe(1000);
    now += 1000;
    expect(await store.reserve("k", policy)).toBe(0); // the 6th attempt
    expect(await store.reserve("k", policy)).toBeGreaterThan(0); // the 6th is still being checked
    await store.failed("k", policy);
    expect(await store.reserve("k", policy)).toBe(2000);
    now += 2000;
    expect(await store.reserve("k", policy)).toBe(0); // the 7th
    await store.failed("k", policy);
    expect(await store.reserve("k", policy)).toBe(4000);
    expect([4, 5, 6, 7, 14, 15, 40].map((n) => delayAfter(n, policy))).toEqual([0, 1000, 2000, 4000, 512_000, 900_000, 900_000]);
  });

  it("reserves atomically: of 100 parallel attempts on one key exactly 5 get through", async () => {
    const store = makeStore(() => 1_000_000); // time stands still: a slow store must not see the wait pass mid-burst
    const waits = await Promise.all(Array.from({ length: 100 }, () => store.reserve("k", policy)));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    // also when the checks finish while the burst is still arriving
    await Promise.all(Array.from({ length: 5 }, () => store.failed("k", policy)));
    const late = await Promise.all(Array.from({ length: 100 }, () => store.reserve("k", policy)));
    expect(late.filter((w) => w === 0)).toHaveLength(0);
  });

  it("forgets a key left alone for the forget period, and after a reset", async () => {
    let now = 0;
    const store = makeStore(() => now);
    for (let i = 0; i < 5; i++) await store.reserve("k", policy);
    for (let i = 0; i < 5; i++) await store.failed("k", policy);
    expect(await store.reserve("k", policy)).toBeGreaterThan(0);
    now += policy.forgetAfterMs + 1;
    for (let i = 0; i < 5; i++) expect(await store.reserve("k", policy)).toBe(0);
    await store.reset("k");
    expect(await store.reserve("k", policy)).toBe(0);
  });

  it("keeps any typed account as a key (control characters included)", async () => {
    const throttle = signInThrottle(makeStore(() => 0));
    expect(await throttle.reserve("chair@msit.go.kr\u0000'; --", "203.0.113.9")).toBe(0);
    await throttle.failed("chair@msit.go.kr\u0000'; --", "203.0.113.9");
  });

  it("release gives one attempt back", async () => {
    const store = makeStore(() => 0);
    for (let i = 0; i < 5; i++) await store.reserve("k", policy);
    expect(await store.reserve("k", policy)).toBeGreaterThan(0);
    await store.release("k", policy);
    expect(await store.reserve("k", policy)).toBe(0);
  });
});

describe("MemoryThrottleStore", () => {
  it("remembers a bounded number of keys, dropping the least recently tried", async () => {
    const store = new MemoryThrottleStore(() => 0, 3);
    for (const k of ["a", "b", "c", "d"]) await store.reserve(k, policy);
    expect(store.size).toBe(3);
  });
});

describe("signInThrottle", () => {
  it("keys on account and client together: one client's failures never make the account wait elsewhere", async () => {
    const throttle = signInThrottle(new MemoryThrottleStore(() => 0));
    for (let i = 0; i < ACCOUNT_CLIENT_POLICY.free; i++) {
      expect(await throttle.reserve("chair@msit.go.kr", "203.0.113.9")).toBe(0);
      await throttle.failed("chair@msit.go.kr", "203.0.113.9");
    }
    expect(await throttle.reserve("chair@msit.go.kr", "203.0.113.9")).toBeGreaterThan(0);
    // the chair, from the office
    expect(await throttle.reserve("chair@msit.go.kr", "10.1.2.3")).toBe(0);
    // the attacker's address, another account: still its own count
    expect(await throttle.reserve("officer@mohw.go.kr", "203.0.113.9")).toBe(0);
  });

  it("a success clears the account+client count and gives the client its attempt back", async () => {
    const throttle = signInThrottle(new MemoryThrottleStore(() => 0));
    for (let i = 0; i < 4; i++) {
      await throttle.reserve("a@x.kr", "1.1.1.1");
      await throttle.failed("a@x.kr", "1.1.1.1");
    }
    await throttle.succeeded("a@x.kr", "1.1.1.1");
    for (let i = 0; i < 5; i++) expect(await throttle.reserve("a@x.kr", "1.1.1.1")).toBe(0);
  });

  it("limits one client spraying many accounts (30 attempts, then a wait)", async () => {
    const throttle = signInThrottle(new MemoryThrottleStore(() => 0));
    const waits = [];
    for (let i = 0; i < 40; i++) {
      waits.push(await throttle.reserve(`user${i}@x.kr`, "198.51.100.7"));
      await throttle.failed(`user${i}@x.kr`, "198.51.100.7");
    }
    expect(waits.filter((w) => w === 0)).toHaveLength(30);
  });
});
