import { expect, test } from "./fixtures";
import { apiAs, sendEvent } from "./helpers";
import { dayFromNow, monthFromNow } from "./dates";

const INTAKE = {
  title: "감염병 역학조사 보조 AI",
  domain: "HEALTH",
  sector: "NATIONAL_PROJECT",
  problemStatement: "역학조사 인력이 부족하여 접촉자 분류가 늦어지고 있어 AI 보조가 필요합니다.",
  aiWork: "FINE_TUNING",
  gpusRequested: 120,
  desiredStartMonth: monthFromNow(5),
  durationMonths: 12,
  dataReadiness: "READY",
  npuCapable: false,
  expectedOutcomes: "접촉자 분류 시간 50% 단축",
  budgetKrw: 900_000_000,
  contactName: "최보건",
  contactEmail: "officer@mohw.go.kr",
};
const PLAN = {
  techDevelopmentPlan: "역학 데이터로 분류 모델을 미세조정합니다.",
  demonstrationPlan: "3개 보건소에서 실증합니다.",
  milestones: [{ title: "실증 착수", dueOn: dayFromNow(210) }],
  kpis: "분류 시간 50% 단축",
  agreedGpus: 100,
  ministryContact: "최보건",
  msitContact: "김사무",
};

test("plan signatures, scheduling, quorum and double signing through the API", async () => {
  const officer = await apiAs("officer@mohw.go.kr");
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const chair = await apiAs("chair@msit.go.kr");
  const member = await apiAs("approver@opm.go.kr");
  const outsider = await apiAs("officer@mnd.go.kr");

  const created = await (await officer.post("/api/v1/requests", { data: INTAKE })).json();
  expect((await sendEvent(officer, created.id, { type: "SUBMIT" })).status()).toBe(200);
  expect((await sendEvent(secretariat, created.id, { type: "ACCEPT" })).status()).toBe(200);

  // plan: saved by the ministry, signed by both; outsiders can't see it
  const saved = await officer.put(`/api/v1/requests/${created.id}/plan`, { data: { expectedRevision: 0, ...PLAN } });
  expect(saved.status()).toBe(200);
  expect(await saved.json()).toMatchObject({ revision: 1, signatures: [], coSigned: false });
  expect((await outsider.get(`/api/v1/requests/${created.id}/plan`)).status()).toBe(404);
  expect((await officer.put(`/api/v1/requests/${created.id}/plan`, { data: { expectedRevision: 0, ...PLAN } })).status()).toBe(409);
  expect((await officer.put(`/api/v1/requests/${created.id}/plan`, { data: { expectedRevision: 1, ...PLAN, agreedGpus: 0 } })).status()).toBe(422);

  // dated today: results can be recorded from the meeting's date (Korean time)
  const meeting = await (
    await secretariat.post("/api/v1/meetings", { data: { number: 900, date: dayFromNow(0), title: "과학기술관계장관회의", place: "정부서울청사" } })
  ).json();
  expect((await secretariat.post("/api/v1/meetings", { data: { number: 900, date: dayFromNow(100), title: "중복", place: "서울" } })).status()).toBe(409);

  // scheduling with an unsigned plan → 422 with the reason, nothing changes
  const early = await secretariat.post(`/api/v1/meetings/${meeting.id}/agenda`, { data: { requestId: created.id } });
  expect(early.status()).toBe(422);
  expect((await early.json()).error.code).toBe("EVENT_NOT_ALLOWED");
  const viaEvent = await sendEvent(secretariat, created.id, { type: "SCHEDULE", meetingId: meeting.id });
  expect(viaEvent.status()).toBe(422);
  expect((await viaEvent.json()).error.message).toMatch(/서명/);

  expect((await officer.post(`/api/v1/requests/${created.id}/plan/sign`, { data: { expectedRevision: 1 } })).status()).toBe(200);
  const both = await secretariat.post(`/api/v1/requests/${created.id}/plan/sign`, { data: { expectedRevision: 1 } });
  expect(await both.json()).toMatchObject({ coSigned: true });

  // an edit after the signatures clears them
  const edited = await secretariat.put(`/api/v1/requests/${created.id}/plan`, { data: { expectedRevision: 1, ...PLAN, kpis: "분류 시간 60% 단축" } });
  expect(await edited.json()).toMatchObject({ revision: 2, signatures: [], coSigned: false });
  expect((await sendEvent(secretariat, created.id, { type: "SCHEDULE", meetingId: meeting.id })).status()).toBe(422);
  await officer.post(`/api/v1/requests/${created.id}/plan/sign`, { data: { expectedRevision: 2 } });
  await secretariat.post(`/api/v1/requests/${created.id}/plan/sign`, { data: { expectedRevision: 2 } });

  expect((await secretariat.post(`/api/v1/meetings/${meeting.id}/agenda`, { data: { requestId: created.id } })).status()).toBe(201);
  expect((await sendEvent(secretariat, created.id, { type: "DECIDE", outcome: "approve", approvedGpus: 80 })).status()).toBe(422); // not locked
  expect((await secretariat.post(`/api/v1/meetings/${meeting.id}/lock`)).status()).toBe(200);
  const over = await sendEvent(secretariat, created.id, { type: "DECIDE", outcome: "approve", approvedGpus: 101 });
  expect(over.status()).toBe(422);
  expect((await sendEvent(secretariat, created.id, { type: "DECIDE", outcome: "approve", approvedGpus: 80 })).status()).toBe(200);

  // one signature does not change the state; the same approver signing twice → 422
  const first = await sendEvent(member, created.id, { type: "SIGN" });
  expect(await first.json()).toMatchObject({ state: "awaitingSignoff" });
  const twice = await sendEvent(member, created.id, { type: "SIGN" });
  expect(twice.status()).toBe(422);
  expect((await twice.json()).error.code).toBe("EVENT_NOT_ALLOWED");
  const pending = await (await chair.get("/api/v1/signoffs")).json();
  expect(pending.map((d: { requestId: string }) => d.requestId)).toContain(created.id);
  expect((await officer.get("/api/v1/signoffs")).status()).toBe(403);

  const decided = await sendEvent(chair, created.id, { type: "SIGN", comment: "승인" });
  expect(await decided.json()).toMatchObject({ state: "approved" });
  const view = await (await officer.get(`/api/v1/requests/${created.id}`)).json();
  expect(view.approvedGpus).toBe(80);
  const decisions = await (await officer.get(`/api/v1/requests/${created.id}/decisions`)).json();
  expect(decisions.decisions[0]).toMatchObject({ status: "effective", approvedGpus: 80 });
  expect(decisions.decisions[0].signoffs).toHaveLength(2);

  const verify = await (await secretariat.get("/api/v1/audit/verify")).json();
  expect(verify.ok).toBe(true);
});

test("officers cannot read meetings; approvers cannot change them", async () => {
  const officer = await apiAs("officer@mohw.go.kr");
  const approver = await apiAs("chair@msit.go.kr");
  expect((await officer.get("/api/v1/meetings")).status()).toBe(404);
  const list = await approver.get("/api/v1/meetings");
  expect(list.status()).toBe(200);
  const meetings = await list.json();
  expect(meetings.map((m: { number: number }) => m.number)).toEqual(expect.arrayContaining([1, 2, 3]));
  expect((await approver.post("/api/v1/meetings", { data: { number: 901, date: dayFromNow(120), title: "회의", place: "서울" } })).status()).toBe(403);
});
