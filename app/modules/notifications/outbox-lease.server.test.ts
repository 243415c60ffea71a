import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { holdLease, releaseLease } from "./outbox-worker.server";

// one sender at a time when several app instances share a database (ADR 0024)
describe("the outbox lease", () => {
  it("is held by one instance at a time until it expires or is released", async () => {
    const a = "host-a:1:aa",
      b = "host-b:2:bb";
    expect(await holdLease("test", a, 60_000)).toEqual({ held: true, tookOver: true });
    expect(await holdLease("test", b, 60_000)).toEqual({ held: false, tookOver: false });
    expect(await holdLease("test", a, 60_000)).toEqual({ held: true, tookOver: false }); // renewed
    await releaseLease("test", a);
    expect(await holdLease("test", b, 60_000)).toEqual({ held: true, tookOver: true });
    // an expired lease goes to whoever asks
    await db.workerLease.update({ where: { name: "test" }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await holdLease("test", a, 60_000)).toEqual({ held: true, tookOver: true });
  });

  it("of 20 instances asking at once, exactly one gets it", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => holdLease("race", `host-${i}:${i}:x`, 60_000)));
    expect(results.filter((r) => r.held)).toHaveLength(1);
  });

  it("is taken over at once from a process of this host that no longer runs (a restart)", async () => {
    const gone = `${hostname()}:999999:dead`; // no such pid
    await holdLease("restart", gone, 60_000);
    expect(await holdLease("restart", `${hostname()}:${process.pid}:me`, 60_000)).toEqual({ held: true, tookOver: true });
  });
});
