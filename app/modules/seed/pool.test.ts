import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { db } from "~/utils/db.server";
import { PIPELINE_STATES, poolOverview } from "~/modules/pool/planning.server";
import { SECRETARIAT_EMAIL, userByEmail } from "./drive.server";
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

  it("pool overview: the waiting demand summed in SQL equals the per-request rule (pipeline as if approved)", async () => {
    const secretariat = await userByEmail(SECRETARIAT_EMAIL);
    const rows = await db.demandRequest.findMany({
      where: { state: { in: ["approved", "allocated", "conditionallyApproved", ...PIPELINE_STATES] } },
      include: { plan: true, decisions: { orderBy: { createdAt: "desc" } }, allocations: { where: { releasedAt: null } } },
    });
    expect(rows.some((r) => PIPELINE_STATES.includes(r.state))).toBe(true);
    let total = 0;
    let npu = 0;
    for (const r of rows) {
      if (r.state === "allocated" && r.stateDetail !== "partially") continue;
      const need = PIPELINE_STATES.includes(r.state)
        ? (r.decisions.find((d) => d.status === "awaiting")?.approvedGpus ?? r.plan?.agreedGpus ?? r.gpusRequested ?? 0)
        : Math.max(0, (r.approvedGpus ?? 0) - r.allocations.reduce((s, a) => s + a.gpus, 0));
      total += need;
      if (r.npuCapable) npu += need;
    }
    const { npu: overview } = await poolOverview({ user: secretariat });
    expect(overview.totalWaiting).toBe(total);
    expect(overview.waiting).toBe(npu);
  });
});
