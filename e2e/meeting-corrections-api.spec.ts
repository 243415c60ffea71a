import { expect, test } from "./fixtures";
import { apiAs, coSignedRequest, newMeeting, sendEvent, sendOk } from "./helpers";
import { dayFromNow } from "./dates";

// Every case of API.md "Meeting corrections", as written there.

const PROBLEM = "보건소 민원 처리에 인력이 부족해 응답이 늦어지고 있어 AI 보조가 필요합니다.";

async function onAgenda(meetingId: string, title: string) {
  const id = await coSignedRequest({ title, gpus: 40, problem: PROBLEM });
  const secretariat = await apiAs("secretariat@msit.go.kr");
  expect((await secretariat.post(`/api/v1/meetings/${meetingId}/agenda`, { data: { requestId: id } })).status()).toBe(201);
  return id;
}

const stateOf = async (id: string) => (await (await (await apiAs("secretariat@msit.go.kr")).get(`/api/v1/requests/${id}`)).json()).state;

test("POST a meeting dated before today → 422 VALIDATION_FAILED; PATCH while unlocked, 422 once locked", async () => {
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const officer = await apiAs("officer@mohw.go.kr");
  const approver = await apiAs("chair@msit.go.kr");
  const list = (await (await secretariat.get("/api/v1/meetings")).json()) as { number: number }[];
  const number = Math.max(...list.map((m) => m.number)) + 1;
  const past = await secretariat.post("/api/v1/meetings", { data: { number, date: dayFromNow(-1), title: "과학기술관계장관회의", place: "정부서울청사" } });
  expect(past.status()).toBe(422);
  expect((await past.json()).error).toMatchObject({ code: "VALIDATION_FAILED", fields: { date: expect.any(String) } });
  const bad = await secretariat.post("/api/v1/meetings", {
    data: { number, date: dayFromNow(3), startTime: "25:00", title: "과학기술관계장관회의", place: "서울" },
  });
  expect(bad.status()).toBe(422);

  const meetingId = await newMeeting(dayFromNow(10));
  const patched = await secretariat.patch(`/api/v1/meetings/${meetingId}`, {
    data: { date: dayFromNow(17), startTime: "14:30", place: "정부세종청사", attendees: ["과학기술정보통신부 장관", "국무조정실장"] },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  expect(await patched.json()).toMatchObject({
    date: dayFromNow(17),
    startTime: "14:30",
    place: "정부세종청사",
    attendees: ["과학기술정보통신부 장관", "국무조정실장"],
  });
  expect((await secretariat.patch(`/api/v1/meetings/${meetingId}`, { data: { date: dayFromNow(-3) } })).status()).toBe(422);
  expect((await secretariat.patch(`/api/v1/meetings/${meetingId}`, { data: { number: 1 } })).status()).toBe(422); // unknown field
  expect((await officer.patch(`/api/v1/meetings/${meetingId}`, { data: { place: "서울" } })).status()).toBe(404);
  expect((await approver.patch(`/api/v1/meetings/${meetingId}`, { data: { place: "서울" } })).status()).toBe(403);

  await onAgenda(meetingId, "회의 수정 시험 요청");
  expect((await secretariat.post(`/api/v1/meetings/${meetingId}/lock`)).status()).toBe(200);
  const locked = await secretariat.patch(`/api/v1/meetings/${meetingId}`, { data: { place: "서울" } });
  expect(locked.status()).toBe(422);
  expect((await locked.json()).error.code).toBe("EVENT_NOT_ALLOWED");
});

test("DELETE an item off an unlocked agenda with a reason: back to jointPlanning; the row and 의안번호 stay", async () => {
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const meetingId = await newMeeting(dayFromNow(5));
  const first = await onAgenda(meetingId, "안건 제외 시험 요청 1");
  const second = await onAgenda(meetingId, "안건 제외 시험 요청 2");
  expect((await secretariat.delete(`/api/v1/meetings/${meetingId}/agenda/${first}`, { data: {} })).status()).toBe(422); // reason required
  const off = await secretariat.delete(`/api/v1/meetings/${meetingId}/agenda/${first}`, { data: { reason: "공동계획 보완 후 재상정" } });
  expect(off.status(), await off.text()).toBe(200);
  expect((await off.json()).request).toMatchObject({ state: "jointPlanning" });
  expect((await secretariat.delete(`/api/v1/meetings/${meetingId}/agenda/${first}`, { data: { reason: "다시" } })).status()).toBe(404);
  const meeting = await (await secretariat.get(`/api/v1/meetings/${meetingId}`)).json();
  expect(meeting.items.map((i: { number: number; request: { id: string } }) => [i.request.id, i.number])).toEqual([[second, 2]]);
  expect(meeting.removedItems).toMatchObject([{ number: 1, removal: "unscheduled", removalReason: "공동계획 보완 후 재상정", request: { id: first } }]);
  const history = await (await secretariat.get(`/api/v1/requests/${first}/history`)).json();
  expect(history.at(-1)).toMatchObject({ type: "UNSCHEDULE", fromState: "onAgenda", toState: "jointPlanning", payload: { reason: "공동계획 보완 후 재상정" } });

  expect((await secretariat.post(`/api/v1/meetings/${meetingId}/lock`)).status()).toBe(200);
  const locked = await secretariat.delete(`/api/v1/meetings/${meetingId}/agenda/${second}`, { data: { reason: "x" } });
  expect(locked.status()).toBe(422);
  expect((await locked.json()).reason).toBe("AGENDA_LOCKED");
  expect((await (await apiAs("officer@mohw.go.kr")).delete(`/api/v1/meetings/${meetingId}/agenda/${second}`, { data: { reason: "x" } })).status()).toBe(404);
});

test("unlock with a reason only while no decision is recorded; DECIDE before the meeting's date → 422 MEETING_NOT_HELD", async () => {
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const future = await newMeeting(dayFromNow(4));
  const early = await onAgenda(future, "미래 회의 결과 시험 요청");
  expect((await secretariat.post(`/api/v1/meetings/${future}/lock`)).status()).toBe(200);
  const notHeld = await sendEvent(secretariat, early, { type: "DECIDE", outcome: "approve", approvedGpus: 40 });
  expect(notHeld.status()).toBe(422);
  expect((await notHeld.json()).error).toMatchObject({ code: "MEETING_NOT_HELD", message: expect.stringContaining("회의") });
  expect(await stateOf(early)).toBe("onAgenda");
  expect((await secretariat.post(`/api/v1/meetings/${future}/unlock`, { data: {} })).status()).toBe(422); // reason required
  const unlocked = await secretariat.post(`/api/v1/meetings/${future}/unlock`, { data: { reason: "안건 추가" } });
  expect(unlocked.status(), await unlocked.text()).toBe(200);
  expect(await unlocked.json()).toMatchObject({ status: "planning" });

  const today = await newMeeting();
  const id = await onAgenda(today, "결정 후 해제 시험 요청");
  expect((await secretariat.post(`/api/v1/meetings/${today}/lock`)).status()).toBe(200);
  await sendOk(secretariat, id, { type: "DECIDE", outcome: "approve", approvedGpus: 40 });
  const refused = await secretariat.post(`/api/v1/meetings/${today}/unlock`, { data: { reason: "x" } });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.code).toBe("EVENT_NOT_ALLOWED");
  expect((await (await apiAs("chair@msit.go.kr")).post(`/api/v1/meetings/${future}/unlock`, { data: { reason: "x" } })).status()).toBe(403);
});

test("cancel with a reason: every item goes back to jointPlanning; refused once a decision exists", async () => {
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const meetingId = await newMeeting(dayFromNow(6));
  const ids = [await onAgenda(meetingId, "회의 취소 시험 요청 1"), await onAgenda(meetingId, "회의 취소 시험 요청 2")];
  expect((await secretariat.post(`/api/v1/meetings/${meetingId}/lock`)).status()).toBe(200);
  const cancelled = await secretariat.post(`/api/v1/meetings/${meetingId}/cancel`, { data: { reason: "장관 일정 변경" } });
  expect(cancelled.status(), await cancelled.text()).toBe(200);
  expect(await cancelled.json()).toMatchObject({ status: "cancelled", returned: 2 });
  expect(await Promise.all(ids.map(stateOf))).toEqual(["jointPlanning", "jointPlanning"]);
  expect(await (await secretariat.get(`/api/v1/meetings/${meetingId}`)).json()).toMatchObject({
    status: "cancelled",
    cancelReason: "장관 일정 변경",
    items: [],
  });

  const decided = await newMeeting();
  const id = await onAgenda(decided, "결정 후 취소 시험 요청");
  expect((await secretariat.post(`/api/v1/meetings/${decided}/lock`)).status()).toBe(200);
  await sendOk(secretariat, id, { type: "DECIDE", outcome: "reject", approvedGpus: 0 });
  expect((await secretariat.post(`/api/v1/meetings/${decided}/cancel`, { data: { reason: "x" } })).status()).toBe(422);
});

test("a request on an agenda is withdrawn only while it is unlocked (taken off); publishing is never blocked by one that left", async () => {
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const officer = await apiAs("officer@mohw.go.kr");
  const meetingId = await newMeeting();
  const leaves = await onAgenda(meetingId, "철회 시험 요청 (잠금 전)");
  const stays = await onAgenda(meetingId, "철회 시험 요청 (잠금 후)");
  await sendOk(officer, leaves, { type: "WITHDRAW", reason: "자체 예산으로 추진" });
  expect((await (await secretariat.get(`/api/v1/meetings/${meetingId}`)).json()).removedItems).toMatchObject([
    { removal: "withdrawn", request: { id: leaves } },
  ]);
  expect((await secretariat.post(`/api/v1/meetings/${meetingId}/lock`)).status()).toBe(200);
  const view = await (await officer.get(`/api/v1/requests/${stays}`)).json();
  const refused = await officer.post(`/api/v1/requests/${stays}/events`, { data: { type: "WITHDRAW", reason: "철회", expectedVersion: view.version } });
  expect(refused.status()).toBe(422);
  expect(await refused.json()).toMatchObject({ error: { code: "EVENT_NOT_ALLOWED" }, reason: "AGENDA_LOCKED" });
  await sendOk(secretariat, stays, { type: "DECIDE", outcome: "approve", approvedGpus: 40 });
  const published = await secretariat.post(`/api/v1/meetings/${meetingId}/minutes`);
  expect(published.status(), await published.text()).toBe(200);
  expect(await published.json()).toMatchObject({ status: "minutesPublished" });
  expect((await secretariat.get("/api/v1/audit/verify")).ok()).toBe(true);
  expect(await (await secretariat.get("/api/v1/audit/verify")).json()).toMatchObject({ ok: true });
});
