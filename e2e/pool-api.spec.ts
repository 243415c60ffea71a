import { expect, test, type APIRequestContext } from "./fixtures";
import { apiAs, sendEvent } from "./helpers";
import { dayFromNow, monthFromNow } from "./dates";

const INTAKE = {
  title: "국가 감염병 대응 AI 학습 (배분 시험)",
  domain: "HEALTH",
  sector: "NATIONAL_PROJECT",
  problemStatement: "감염병 대응 모델을 학습할 GPU가 부족하여 국가 차원의 배분이 필요합니다.",
  aiWork: "FOUNDATION_TRAINING",
  gpusRequested: 80,
  desiredStartMonth: monthFromNow(6),
  durationMonths: 12,
  dataReadiness: "READY",
  npuCapable: true,
  expectedOutcomes: "예측 정확도 90% 이상",
  budgetKrw: 1_000_000_000,
  contactName: "최보건",
  contactEmail: "officer@mohw.go.kr",
};
const PLAN = {
  techDevelopmentPlan: "감염병 데이터로 모델을 학습합니다.",
  demonstrationPlan: "질병관리청과 실증합니다.",
  milestones: [{ title: "학습 착수", dueOn: dayFromNow(210) }],
  kpis: "예측 정확도 90%",
  agreedGpus: 60,
  ministryContact: "최보건",
  msitContact: "김사무",
};

async function event(ctx: APIRequestContext, id: string, body: Record<string, unknown>) {
  const res = await sendEvent(ctx, id, body);
  expect(res.status(), `${body.type}: ${await res.text()}`).toBe(200);
}

/** A request of the health ministry taken through every real step to `approved` with `approvedGpus`. */
async function approvedRequest(approvedGpus: number, meetingNumber: number) {
  const officer = await apiAs("officer@mohw.go.kr");
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const created = await (await officer.post("/api/v1/requests", { data: INTAKE })).json();
  await event(officer, created.id, { type: "SUBMIT" });
  await event(secretariat, created.id, { type: "ACCEPT" });
  expect((await officer.put(`/api/v1/requests/${created.id}/plan`, { data: { expectedRevision: 0, ...PLAN, agreedGpus: approvedGpus } })).status()).toBe(200);
  await officer.post(`/api/v1/requests/${created.id}/plan/sign`, { data: { expectedRevision: 1 } });
  await secretariat.post(`/api/v1/requests/${created.id}/plan/sign`, { data: { expectedRevision: 1 } });
  const meeting = await (
    await secretariat.post("/api/v1/meetings", { data: { number: meetingNumber, date: dayFromNow(0), title: "과학기술관계장관회의", place: "정부서울청사" } })
  ).json();
  expect((await secretariat.post(`/api/v1/meetings/${meeting.id}/agenda`, { data: { requestId: created.id } })).status()).toBe(201);
  expect((await secretariat.post(`/api/v1/meetings/${meeting.id}/lock`)).status()).toBe(200);
  await event(secretariat, created.id, { type: "DECIDE", outcome: "approve", approvedGpus });
  await event(await apiAs("approver@opm.go.kr"), created.id, { type: "SIGN" });
  await event(await apiAs("chair@msit.go.kr"), created.id, { type: "SIGN" });
  return created.id as string;
}

type Tranche = { id: string; label: string; arrivesOn: string; capacity: number; allocated: number; remaining: number; bySector: Record<string, number> };

test("50 concurrent 1-GPU allocations against 10 remaining: exactly 10 succeed; over the approved count is OVER_APPROVED", async () => {
  const admin = await apiAs("admin@ax.go.kr");
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const officer = await apiAs("officer@mohw.go.kr");
  const outsider = await apiAs("officer@mnd.go.kr");

  // room in the pool for a 10-GPU tranche (the demo tranches fill the 52,000 exactly)
  const pool = await (await admin.get("/api/v1/pool")).json();
  const full = await admin.post("/api/v1/tranches", { data: { label: "시험 트랜치", arrivalMonth: monthFromNow(2), capacity: 10, gpuModel: "NVIDIA B200" } });
  expect(full.status()).toBe(409);
  expect((await secretariat.put("/api/v1/pool", { data: { totalGpus: pool.totalGpus + 10 } })).status()).toBe(403);
  expect((await admin.put("/api/v1/pool", { data: { totalGpus: pool.totalGpus + 10, expectedTotalGpus: pool.totalGpus } })).status()).toBe(200);
  const created = await admin.post("/api/v1/tranches", {
    data: { label: "시험 트랜치", arrivalMonth: monthFromNow(2), capacity: 10, gpuModel: "NVIDIA B200" },
  });
  expect(created.status()).toBe(201);
  const tranche = await created.json();

  const requestId = await approvedRequest(60, 960);
  const calls = await Promise.all(
    Array.from({ length: 50 }, () => secretariat.post("/api/v1/allocations", { data: { requestId, trancheId: tranche.id, gpus: 1 } })),
  );
  const statuses = calls.map((r) => r.status());
  expect(statuses.filter((s) => s === 201)).toHaveLength(10);
  expect(statuses.filter((s) => s === 409)).toHaveLength(40);
  const refusals = await Promise.all(calls.filter((r) => r.status() === 409).map((r) => r.json()));
  expect(new Set(refusals.map((b) => b.error.code))).toEqual(new Set(["CAPACITY_EXCEEDED"]));
  expect(refusals[0].remaining).toBe(0);

  const tranches: Tranche[] = await (await secretariat.get("/api/v1/tranches")).json();
  const after = tranches.find((t) => t.id === tranche.id)!;
  expect(after).toMatchObject({ capacity: 10, allocated: 10, remaining: 0, arrivesOn: monthFromNow(2), bySector: { NATIONAL_PROJECT: 10 } });
  const first = await calls.find((r) => r.status() === 201)!.json();
  expect(first).toMatchObject({ gpus: 1, startMonth: monthFromNow(6), months: 12 }); // later of arrival and desired start

  const view = await (await officer.get(`/api/v1/requests/${requestId}`)).json();
  expect(view).toMatchObject({ state: "allocated", stateDetail: "partially", approvedGpus: 60 });

  // 10 of 60 allocated: 51 more is over the approved count, even from a tranche with room
  const roomy = tranches.find((t) => t.remaining >= 51 && t.id !== tranche.id)!;
  const over = await secretariat.post("/api/v1/allocations", { data: { requestId, trancheId: roomy.id, gpus: 51 } });
  expect(over.status()).toBe(409);
  expect((await over.json()).error.code).toBe("OVER_APPROVED");
  const roomyAfter = ((await (await secretariat.get("/api/v1/tranches")).json()) as Tranche[]).find((t) => t.id === roomy.id)!;
  expect(roomyAfter.allocated).toBe(roomy.allocated);

  // bad input, other roles, other ministries
  expect((await secretariat.post("/api/v1/allocations", { data: { requestId, trancheId: roomy.id, gpus: 0 } })).status()).toBe(422);
  expect((await secretariat.post("/api/v1/allocations", { data: { requestId, trancheId: tranche.id, gpus: 1, startMonth: monthFromNow(1) } })).status()).toBe(
    422,
  );
  expect((await officer.post("/api/v1/allocations", { data: { requestId, trancheId: roomy.id, gpus: 1 } })).status()).toBe(403);
  expect((await outsider.post("/api/v1/allocations", { data: { requestId, trancheId: roomy.id, gpus: 1 } })).status()).toBe(404);
  expect((await outsider.get(`/api/v1/allocations?requestId=${requestId}`)).status()).toBe(404);
  expect((await outsider.get("/api/v1/tranches")).status()).toBe(404);
  const own = await (await officer.get(`/api/v1/allocations?requestId=${requestId}`)).json();
  expect(own).toHaveLength(10);

  // release one: the capacity comes back, audited
  expect((await outsider.post(`/api/v1/allocations/${first.id}/release`)).status()).toBe(404);
  const released = await secretariat.post(`/api/v1/allocations/${first.id}/release`);
  expect(released.status()).toBe(200);
  const again = ((await (await secretariat.get("/api/v1/tranches")).json()) as Tranche[]).find((t) => t.id === tranche.id)!;
  expect(again.remaining).toBe(1);
  expect((await secretariat.post(`/api/v1/allocations/${first.id}/release`)).status()).toBe(409);

  // the planner proposes the rest (nothing written)
  const plan = await secretariat.post("/api/v1/allocations/plan", { data: {} });
  expect(plan.status()).toBe(200);
  const proposed = await plan.json();
  expect(proposed.perRequest.find((p: { requestId: string }) => p.requestId === requestId)).toMatchObject({ scheduled: 51, missing: 0, npuCapable: true });
  expect(
    (await secretariat.get(`/api/v1/allocations?requestId=${requestId}`).then((r) => r.json())).filter((a: { releasedAt: string | null }) => !a.releasedAt),
  ).toHaveLength(9);
  expect((await officer.post("/api/v1/allocations/plan", { data: {} })).status()).toBe(403);

  const verify = await (await admin.get("/api/v1/audit/verify")).json();
  expect(verify.ok).toBe(true);
});
