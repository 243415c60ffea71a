import { beforeAll, describe, expect, it } from "vitest";
import { rejection, seedUsers } from "~/test/fixtures";
import { driveRequestToApproved, userByEmail, SECRETARIAT_EMAIL } from "~/modules/seed/drive.server";
import { db } from "~/utils/db.server";
import { allocateGpus } from "./allocations.server";
import { countStateChange } from "~/modules/requests/state-counts.server";
import { PIPELINE_LIST_MAX, planCandidates, poolOverview, proposeSchedule } from "./planning.server";
import { createTranche, deleteTranche, getPool, listTranches, setPoolTotal, updateTranche } from "./tranches.server";

let admin: Awaited<ReturnType<typeof userByEmail>>;
let sec: typeof admin;
let officer: typeof admin;

beforeAll(async () => {
  await seedUsers();
  [admin, sec, officer] = await Promise.all(["admin@ax.go.kr", SECRETARIAT_EMAIL, "officer@mohw.go.kr"].map(userByEmail));
  await setPoolTotal({ user: admin, totalGpus: 1_000 });
});

const input = (capacity: number, arrivalMonth = "2026-02") => ({
  label: `${arrivalMonth} 도입`,
  arrivalMonth,
  capacity,
  gpuModel: "NVIDIA B200",
  resourceKind: "GPU" as const,
});

describe("pool and tranches", () => {
  it("the tranches together never exceed the pool; a refused write leaves nothing behind", async () => {
    const a = await createTranche({ user: admin, input: input(600) });
    const error = await rejection(createTranche({ user: admin, input: input(401, "2026-05") }));
    expect(error).toMatchObject({ status: 409, messageKey: "pool.error.overPool", extra: { sum: 1_001, totalGpus: 1_000 } });
    expect(error.params).toEqual({ sum: "1,001", total: "1,000" });
    expect(await db.tranche.count()).toBe(1);
    expect((await rejection(updateTranche({ user: admin, trancheId: a.id, input: { expectedVersion: 1, capacity: 1_001 } }))).messageKey).toBe(
      "pool.error.overPool",
    );
    expect((await rejection(setPoolTotal({ user: admin, totalGpus: 599 }))).messageKey).toBe("pool.error.overPool");
    expect(await getPool({ user: sec })).toMatchObject({ totalGpus: 1_000, inTranches: 600, unscheduled: 400 });
    await createTranche({ user: admin, input: input(400, "2026-05") });
    const audit = await db.auditEvent.findMany({ where: { requestId: null, type: { startsWith: "TRANCHE" } } });
    expect(audit.map((e) => e.type)).toEqual(["TRANCHE_CREATED", "TRANCHE_CREATED"]);
    await setPoolTotal({ user: admin, totalGpus: 52_000 });
  });

  it("capacity never below what is allocated; a stale version is a conflict; used tranches cannot be deleted", async () => {
    const t = await createTranche({ user: admin, input: input(100, "2026-08") });
    const { requestId } = await driveRequestToApproved({ officerEmail: "officer@mohw.go.kr", agreedGpus: 40, approvedGpus: 40 });
    await allocateGpus({ user: sec, input: { requestId, trancheId: t.id, gpus: 40 } });
    const version = (await db.tranche.findUniqueOrThrow({ where: { id: t.id } })).version;
    expect(version).toBe(2); // the allocation bumped it
    expect((await rejection(updateTranche({ user: admin, trancheId: t.id, input: { expectedVersion: 1, capacity: 90 } }))).code).toBe("VERSION_CONFLICT");
    expect((await rejection(updateTranche({ user: admin, trancheId: t.id, input: { expectedVersion: version, capacity: 39 } }))).messageKey).toBe(
      "pool.error.belowAllocated",
    );
    expect((await rejection(updateTranche({ user: admin, trancheId: t.id, input: { expectedVersion: version, arrivalMonth: "2027-06" } }))).messageKey).toBe(
      "pool.error.arrivalAfterStart",
    );
    const updated = await updateTranche({ user: admin, trancheId: t.id, input: { expectedVersion: version, capacity: 40, label: "3차" } });
    expect(updated).toMatchObject({ capacity: 40, allocated: 40, label: "3차", version: version + 1 });
    expect((await rejection(deleteTranche({ user: admin, trancheId: t.id, expectedVersion: version + 1 }))).messageKey).toBe("pool.error.trancheInUse");

    const unused = await createTranche({ user: admin, input: input(10, "2028-01") });
    await deleteTranche({ user: admin, trancheId: unused.id, expectedVersion: 1 });
    expect(await db.tranche.findUnique({ where: { id: unused.id } })).toBeNull();
  });

  it("only the administrator edits; officers don't see the pool (404)", async () => {
    expect((await rejection(createTranche({ user: sec, input: input(1) }))).status).toBe(403);
    expect((await rejection(listTranches({ user: officer }))).status).toBe(404);
    expect((await rejection(poolOverview({ user: officer }))).status).toBe(404);
    const tranches = await listTranches({ user: sec });
    const third = tranches.find((t) => t.label === "3차");
    expect(third).toMatchObject({ capacity: 40, allocated: 40, remaining: 0, bySector: { INDUSTRY: 40, NATIONAL_PROJECT: 0, ACADEMIA_RESEARCH: 0 } });
  });
});

describe("planner over the database and what-if", () => {
  it("plans approved requests plus pipeline requests as if approved, explains waits, and writes nothing", async () => {
    const later = await createTranche({ user: admin, input: { ...input(500, "2029-07"), label: "2029 도입" } });
    const real = await driveRequestToApproved({
      officerEmail: "officer@mohw.go.kr",
      agreedGpus: 30,
      approvedGpus: 30,
      fields: { desiredStartMonth: "2026-03", npuCapable: true },
    });
    const pipeline = await driveRequestToApproved({
      officerEmail: "officer@mnd.go.kr",
      agreedGpus: 70,
      approvedGpus: 0,
      outcome: "defer",
      fields: { sector: "NATIONAL_PROJECT" },
    });
    const candidates = await planCandidates({ user: sec });
    expect(candidates.approved.map((r) => r.id)).toContain(real.requestId);
    expect(candidates.pipeline.find((r) => r.id === pipeline.requestId)).toMatchObject({ gpus: 70, whatIf: true });

    const allocationsBefore = await db.allocation.count();
    const auditBefore = await db.auditEvent.count();
    const plan = await proposeSchedule({ user: sec, requestIds: [real.requestId, pipeline.requestId] });
    expect(await db.allocation.count()).toBe(allocationsBefore);
    expect(await db.auditEvent.count()).toBe(auditBefore);

    // the national project (what-if) is served first
    expect(plan.perRequest.map((p) => p.requestId)).toEqual([pipeline.requestId, real.requestId]);
    expect(plan.perRequest[0]).toMatchObject({ scheduled: 70, missing: 0, request: { whatIf: true } });
    expect(plan.perRequest[1]).toMatchObject({ scheduled: 30, npuCapable: true, request: { whatIf: false } });
    expect(plan.npuCapableGpus).toBe(30);
    expect(plan.allocations.every((a) => a.gpus > 0 && a.trancheLabel !== "")).toBe(true);
    expect(plan.timeline.at(-1)).toMatchObject({ planned: 100 });

    // fill every earlier tranche: the next request waits for the 2029-07 tranche and says so
    const others = (await listTranches({ user: sec })).filter((t) => t.id !== later.id && t.remaining > 0);
    for (const t of others) {
      const filler = await driveRequestToApproved({ officerEmail: "officer@mohw.go.kr", agreedGpus: t.remaining, approvedGpus: t.remaining });
      await allocateGpus({ user: sec, input: { requestId: filler.requestId, trancheId: t.id, gpus: t.remaining } });
    }
    const waiting = await proposeSchedule({ user: sec, requestIds: [real.requestId] });
    expect(waiting.perRequest[0].reasons).toContainEqual({ code: "WAITING_FOR_TRANCHE", trancheLabel: "2029 도입", arrivesOn: "2029-07" });
    expect((await rejection(proposeSchedule({ user: sec, requestIds: ["nope"] }))).status).toBe(422);
    expect((await rejection(proposeSchedule({ user: officer }))).status).toBe(403);
  });

  it("the planner lists at most 200 requests under deliberation, nearest to a decision first, and counts them all", async () => {
    const before = await planCandidates({ user: sec });
    const mohw = await db.organization.findUniqueOrThrow({ where: { code: "MOHW" } });
    // many in joint planning, older than the ones nearest to a decision (rows as the bench inflates them)
    const planning = Array.from({ length: PIPELINE_LIST_MAX + 5 }, (_, i) => ({
      id: `pipeline-cap-${String(i).padStart(3, "0")}`,
      organizationId: mohw.id,
      createdById: officer.id,
      state: "jointPlanning",
      machineVersion: 2,
      snapshot: "{}",
      title: `공동계획 ${i}`,
      gpusRequested: 8,
      createdAt: new Date(Date.UTC(2020, 0, 1) + i * 60_000),
    }));
    await db.$transaction(async (tx) => {
      await tx.demandRequest.createMany({ data: planning });
      for (let i = 0; i < planning.length; i++) await countStateChange(tx, mohw.id, null, "jointPlanning");
    });
    const after = await planCandidates({ user: sec });
    expect(after.pipeline).toHaveLength(PIPELINE_LIST_MAX);
    expect(after.pipelineTotal).toBe(before.pipelineTotal + planning.length);
    // those awaiting sign-off and on an agenda come first, then joint planning, the oldest first
    const rank = (state: string) => ["awaitingSignoff", "onAgenda", "jointPlanning"].indexOf(state);
    const ranks = after.pipeline.map((r) => rank(r.state));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(after.pipeline.filter((r) => r.state !== "jointPlanning").length).toBe(before.pipeline.filter((r) => r.state !== "jointPlanning").length);
    const listedPlanning = after.pipeline.filter((r) => r.state === "jointPlanning").map((r) => r.id);
    expect(listedPlanning.slice(0, 3)).toEqual(["pipeline-cap-000", "pipeline-cap-001", "pipeline-cap-002"]);
    expect(after.approved.map((r) => r.id)).toEqual(before.approved.map((r) => r.id));
  });
});
