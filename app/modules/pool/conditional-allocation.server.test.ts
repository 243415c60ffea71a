import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { rejection, seedUsers } from "~/test/fixtures";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { listConditions, markConditionMet, submitEvidence } from "~/modules/conditions/conditions.server";
import { driveRequestToApproved, userByEmail, SECRETARIAT_EMAIL } from "~/modules/seed/drive.server";
import { db } from "~/utils/db.server";
import { allocateGpus } from "./allocations.server";
import { createTranche, setPoolTotal } from "./tranches.server";

const MOHW = "officer@mohw.go.kr";
let sec: Awaited<ReturnType<typeof userByEmail>>;
let officer: typeof sec;
let trancheId: string;

beforeAll(async () => {
  await seedUsers();
  const admin = await userByEmail("admin@ax.go.kr");
  [sec, officer] = await Promise.all([userByEmail(SECRETARIAT_EMAIL), userByEmail(MOHW)]);
  await setPoolTotal({ user: admin, totalGpus: 52_000 });
  trancheId = (
    await createTranche({ user: admin, input: { label: "T-cond", arrivalMonth: "2026-02", capacity: 1_000, gpuModel: "NVIDIA B200", resourceKind: "GPU" } })
  ).id;
});
afterEach(() => {
  delete process.env.ALLOCATE_CONDITIONALLY_APPROVED;
});

const conditional = async () =>
  (
    await driveRequestToApproved({
      officerEmail: MOHW,
      agreedGpus: 50,
      approvedGpus: 40,
      outcome: "approveWithConditions",
      conditions: [{ text: "보안성 검토 결과 제출", dueOn: "2027-06-30" }],
    })
  ).requestId;
const stateOf = (id: string) => db.demandRequest.findUniqueOrThrow({ where: { id }, select: { state: true, stateDetail: true } });

describe("allocating to a conditionally approved request", () => {
  it("is refused by default, and nothing is taken from the tranche", async () => {
    const id = await conditional();
    const before = await db.tranche.findUniqueOrThrow({ where: { id: trancheId } });
    const error = await rejection(allocateGpus({ user: sec, input: { requestId: id, trancheId, gpus: 10 } }));
    expect([error.status, error.extra?.reason]).toEqual([422, "CONDITIONAL_ALLOCATION_OFF"]);
    expect((await db.tranche.findUniqueOrThrow({ where: { id: trancheId } })).allocated).toBe(before.allocated);
    expect(await stateOf(id)).toEqual({ state: "conditionallyApproved", stateDetail: null });
  });

  it("is allowed by ALLOCATE_CONDITIONALLY_APPROVED=true; the conditions stay open and are met on the allocated request", async () => {
    process.env.ALLOCATE_CONDITIONALLY_APPROVED = "true";
    const id = await conditional();
    await allocateGpus({ user: sec, input: { requestId: id, trancheId, gpus: 40 } });
    expect(await stateOf(id)).toEqual({ state: "allocated", stateDetail: "fully" });

    const [condition] = await listConditions({ user: officer, requestId: id });
    await submitEvidence({ user: officer, conditionId: condition.id, expectedVersion: 1, note: "검토 결과 첨부" });
    const result = await markConditionMet({ user: sec, conditionId: condition.id, expectedVersion: 2 });
    expect(result.requestState).toBe("allocated");
    const last = await db.auditEvent.findFirstOrThrow({ where: { requestId: id }, orderBy: { seq: "desc" } });
    expect([last.type, last.fromState, last.toState]).toEqual(["CONDITIONS_MET", "allocated", "allocated"]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
