import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { db } from "~/utils/db.server";
import { seedDemoData } from "./seed.server";

describe("demo pool seed", () => {
  beforeAll(async () => {
    await seedDemoData();
  });

  it("plans 13,000 GPUs in 2026 from February and 52,000 in all, within the pool", async () => {
    const tranches = await db.tranche.findMany({ orderBy: { arrivalMonth: "asc" } });
    const in2026 = tranches.filter((t) => t.arrivalMonth.startsWith("2026-"));
    expect(in2026.reduce((s, t) => s + t.capacity, 0)).toBe(13_000);
    expect(tranches[0].arrivalMonth).toBe("2026-02");
    expect(tranches.reduce((s, t) => s + t.capacity, 0)).toBe(52_000);
    expect((await db.pool.findUniqueOrThrow({ where: { id: "national" } })).totalGpus).toBe(52_000);
  });

  it("allocates through the ledger: allocated and active requests, tranche counts match the ledger, audit verifies", async () => {
    const states = new Set((await db.demandRequest.findMany({ select: { state: true } })).map((r) => r.state));
    expect(states).toContain("allocated");
    expect(states).toContain("active");
    expect(states).toContain("approved");
    for (const t of await db.tranche.findMany({ include: { allocations: { where: { releasedAt: null } } } })) {
      expect(t.allocated, t.label).toBe(t.allocations.reduce((s, a) => s + a.gpus, 0));
    }
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
