import { beforeAll, describe, expect, it } from "vitest";
import { expectKept, rejection, seedUsers } from "~/test/fixtures";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { driveRequestToApproved, userByEmail, SECRETARIAT_EMAIL } from "~/modules/seed/drive.server";
import { db } from "~/utils/db.server";
import type { AppError } from "~/utils/errors";
import { allocateGpus, commitPlan, listAllocations, releaseAllocation } from "./allocations.server";
import { poolOverview } from "./planning.server";
import { createTranche, getPool, listTranches, setPoolTotal } from "./tranches.server";

const MOHW = "officer@mohw.go.kr";

let sec: Awaited<ReturnType<typeof userByEmail>>;
let admin: typeof sec;
let officer: typeof sec;
let outsider: typeof sec;

beforeAll(async () => {
  await seedUsers();
  [sec, admin, officer, outsider] = await Promise.all([SECRETARIAT_EMAIL, "admin@ax.go.kr", MOHW, "officer@mnd.go.kr"].map(userByEmail));
  await setPoolTotal({ user: admin, totalGpus: 52_000 });
});

async function tranche(capacity: number, arrivalMonth = "2026-02") {
  return createTranche({
    user: admin,
    input: { label: `T-${capacity}-${arrivalMonth}`, arrivalMonth, capacity, gpuModel: "NVIDIA B200", resourceKind: "GPU" },
  });
}
async function approved(approvedGpus: number, fields = {}) {
  return (await driveRequestToApproved({ officerEmail: MOHW, agreedGpus: approvedGpus, approvedGpus, fields })).requestId;
}
const trancheRow = (id: string) => db.tranche.findUniqueOrThrow({ where: { id } });
const requestRow = (id: string) => db.demandRequest.findUniqueOrThrow({ where: { id }, select: { state: true, stateDetail: true, version: true } });

describe("allocation ledger", () => {
  it("allocates within capacity and the approved count; the period defaults to the later of arrival and desired start", async () => {
    const t = await tranche(100, "2027-05");
    const id = await approved(60, { desiredStartMonth: "2027-03", durationMonths: 9 });
    const a = await allocateGpus({ user: sec, input: { requestId: id, trancheId: t.id, gpus: 40 } });
    expect(a).toMatchObject({
      gpus: 40,
      startMonth: "2027-05",
      months: 9,
      request: { state: "allocated", stateDetail: "partially" },
      tranche: { remaining: 60 },
    });
    const b = await allocateGpus({ user: sec, input: { requestId: id, trancheId: t.id, gpus: 20, startMonth: "2027-08", months: 3 } });
    expect(b).toMatchObject({ startMonth: "2027-08", months: 3, request: { state: "allocated", stateDetail: "fully" } });
    expect((await trancheRow(t.id)).allocated).toBe(60);

    const events = await db.auditEvent.findMany({ where: { requestId: id, type: "ALLOCATE" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => JSON.parse(e.payload))).toEqual([
      expect.objectContaining({ gpus: 40, trancheId: t.id, allocationId: a.id }),
      expect.objectContaining({ gpus: 20, trancheId: t.id, allocationId: b.id }),
    ]);
  });

  it("over the tranche's remaining capacity → 409 CAPACITY_EXCEEDED with what remains; nothing written", async () => {
    const t = await tranche(10);
    const id = await approved(50);
    await allocateGpus({ user: sec, input: { requestId: id, trancheId: t.id, gpus: 7 } });
    const before = await requestRow(id);
    const error = await rejection(allocateGpus({ user: sec, input: { requestId: id, trancheId: t.id, gpus: 4 } }));
    expect(error).toMatchObject({ code: "CAPACITY_EXCEEDED", status: 409, extra: { remaining: 3 } });
    expect((await trancheRow(t.id)).allocated).toBe(7);
    expect(await requestRow(id)).toEqual(before);
    expect(await db.allocation.count({ where: { requestId: id } })).toBe(1);
  });

  it("over the request's approved count → 409 OVER_APPROVED; the tranche keeps its capacity", async () => {
    const t = await tranche(500);
    const id = await approved(30);
    await allocateGpus({ user: sec, input: { requestId: id, trancheId: t.id, gpus: 25 } });
    const error = await rejection(allocateGpus({ user: sec, input: { requestId: id, trancheId: t.id, gpus: 6 } }));
    expect(error).toMatchObject({ code: "OVER_APPROVED", status: 409 });
    expect(error.text?.en).toMatch(/approved/i);
    expect((await trancheRow(t.id)).allocated).toBe(25);
    expect(await requestRow(id)).toMatchObject({ state: "allocated", stateDetail: "partially" });
  });

  it("concurrent allocations never exceed a tranche's capacity", async () => {
    const t = await tranche(5);
    const id = await approved(40);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => allocateGpus({ user: sec, input: { requestId: id, trancheId: t.id, gpus: 1 } })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const codes = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as AppError).code] : []));
    expect(codes).toEqual(Array(15).fill("CAPACITY_EXCEEDED"));
    expect((await trancheRow(t.id)).allocated).toBe(5);
    expect(await db.allocation.count({ where: { trancheId: t.id } })).toBe(5);
  });

  it("refuses a start before the tranche's arrival (422), other roles (403) and outsiders (404)", async () => {
    const t = await tranche(100, "2026-08");
    const id = await approved(10);
    expect(await rejection(allocateGpus({ user: sec, input: { requestId: id, trancheId: t.id, gpus: 1, startMonth: "2026-07" } }))).toMatchObject({
      status: 422,
      extra: { fieldsByLocale: { ko: { startMonth: expect.any(String) } } },
    });
    expect((await rejection(allocateGpus({ user: officer, input: { requestId: id, trancheId: t.id, gpus: 1 } }))).status).toBe(403);
    expect((await rejection(allocateGpus({ user: outsider, input: { requestId: id, trancheId: t.id, gpus: 1 } }))).status).toBe(404);
    expect((await trancheRow(t.id)).allocated).toBe(0);
  });

  it("release returns the capacity, moves the request back, is audited; officers see only their own ministry's allocations", async () => {
    const t = await tranche(100);
    const id = await approved(20);
    const a = await allocateGpus({ user: sec, input: { requestId: id, trancheId: t.id, gpus: 20 } });
    expect((await listAllocations({ user: officer, requestId: id })).map((x) => x.id)).toEqual([a.id]);
    expect((await rejection(listAllocations({ user: outsider, requestId: id }))).status).toBe(404);
    expect((await listAllocations({ user: outsider })).some((x) => x.id === a.id)).toBe(false);
    expect((await rejection(releaseAllocation({ user: outsider, allocationId: a.id }))).status).toBe(404);
    expect((await rejection(releaseAllocation({ user: officer, allocationId: a.id }))).status).toBe(403);

    const released = await releaseAllocation({ user: sec, allocationId: a.id });
    expect(released.request).toMatchObject({ state: "approved" });
    expect((await trancheRow(t.id)).allocated).toBe(0);
    expect((await db.allocation.findUniqueOrThrow({ where: { id: a.id } })).releasedAt).not.toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { requestId: id, type: "RELEASE" } });
    expect(JSON.parse(audit.payload)).toMatchObject({ gpus: 20, allocationId: a.id, trancheId: t.id });
    expect((await rejection(releaseAllocation({ user: sec, allocationId: a.id }))).messageKey).toBe("pool.error.alreadyReleased");

    // the capacity is really back: the whole request can be allocated again
    await allocateGpus({ user: sec, input: { requestId: id, trancheId: t.id, gpus: 20 } });
    expect((await trancheRow(t.id)).allocated).toBe(20);
  });

  it("after an early close, releasing returns the GPUs without a state change", async () => {
    const t = await tranche(50);
    const id = await approved(10);
    const a = await allocateGpus({ user: sec, input: { requestId: id, trancheId: t.id, gpus: 10 } });
    const { version } = await requestRow(id);
    const { sendRequestEvent } = await import("~/modules/requests/requests.server");
    await sendRequestEvent({ user: sec, requestId: id, body: { type: "CLOSE", expectedVersion: version } });
    await releaseAllocation({ user: sec, allocationId: a.id });
    expect((await trancheRow(t.id)).allocated).toBe(0);
    expect(await requestRow(id)).toMatchObject({ state: "closed", version: version + 1 });
  });

  it("a plan commit is all or nothing", async () => {
    const t = await tranche(30);
    const ok = await approved(10);
    const tooMuch = await approved(15);
    const error = await rejection(
      commitPlan({
        user: sec,
        input: {
          allocations: [
            { requestId: ok, trancheId: t.id, gpus: 10, startMonth: "2026-02", months: 6 },
            { requestId: tooMuch, trancheId: t.id, gpus: 16, startMonth: "2026-02", months: 6 },
          ],
        },
      }),
    );
    expect(error).toMatchObject({ code: "OVER_APPROVED", status: 409 });
    expect(error.text?.en).toMatch(/nothing was saved/);
    expect((await trancheRow(t.id)).allocated).toBe(0);
    expect(await requestRow(ok)).toMatchObject({ state: "approved" });

    const done = await commitPlan({
      user: sec,
      input: {
        allocations: [
          { requestId: ok, trancheId: t.id, gpus: 10, startMonth: "2026-02", months: 6 },
          { requestId: tooMuch, trancheId: t.id, gpus: 15, startMonth: "2026-03", months: 6 },
        ],
      },
    });
    expect(done.allocations).toHaveLength(2);
    expect((await trancheRow(t.id)).allocated).toBe(25);
  });

  it("the pool page's kept reads (ADR 0029) follow every commit, and each scope keeps its own", async () => {
    const t = await tranche(90, "2027-11");
    const id = await approved(30);
    const pool = await getPool({ user: sec });
    expect(await getPool({ user: sec })).toEqual(pool); // nothing committed between: the same figures
    expectKept(await listTranches({ user: sec }), await listTranches({ user: sec })); // kept: the same rows
    const allocatedGpus = (await poolOverview({ user: sec })).npu.totalAllocated;

    const a = await allocateGpus({ user: sec, input: { requestId: id, trancheId: t.id, gpus: 12 } });
    expect((await listTranches({ user: sec })).find((x) => x.id === t.id)).toMatchObject({ allocated: 12, remaining: 78 });
    expect((await poolOverview({ user: sec })).npu.totalAllocated).toBe(allocatedGpus + 12);
    expect((await listAllocations({ user: sec })).map((x) => x.id)).toContain(a.id);
    expect((await listAllocations({ user: officer })).map((x) => x.id)).toContain(a.id); // the ministry's own
    expect((await listAllocations({ user: outsider })).map((x) => x.id)).not.toContain(a.id); // another scope, its own key
    expect((await listAllocations({ user: sec, requestId: id })).map((x) => x.releasedAt)).toEqual([null]);

    await releaseAllocation({ user: sec, allocationId: a.id });
    expect((await listTranches({ user: sec })).find((x) => x.id === t.id)).toMatchObject({ allocated: 0, remaining: 90 });
    expect((await listAllocations({ user: sec, requestId: id }))[0].releasedAt).toBeInstanceOf(Date);
    expect((await poolOverview({ user: sec })).npu.totalAllocated).toBe(allocatedGpus);

    await tranche(10, "2027-12");
    expect(await getPool({ user: sec })).toMatchObject({ inTranches: pool.inTranches + 10, unscheduled: pool.unscheduled - 10 });
    await expect(listAllocations({ user: outsider, requestId: id })).rejects.toMatchObject({ status: 404 }); // the scope check runs before the kept read
  });

  it("the audit chain still verifies after allocations, refusals and releases", async () => {
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
