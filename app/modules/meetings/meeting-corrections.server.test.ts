import { beforeAll, describe, expect, it } from "vitest";
import { rejection, seedUsers } from "~/test/fixtures";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { listConditions } from "~/modules/conditions/conditions.server";
import { cancelMeeting, removeFromAgenda, unlockAgenda, updateMeeting } from "~/modules/meetings/meeting-corrections.server";
import { addToAgenda, createMeeting, getMeeting, getMinutes, meetingHistory, meetingsOfRequest, publishMinutes } from "~/modules/meetings/meetings.server";
import { decisionNotice, requestDecisions } from "~/modules/meetings/signoffs.server";
import {
  CHAIR_EMAIL,
  MEMBER_EMAIL,
  SECRETARIAT_EMAIL,
  cosignPlan,
  driveRequestToApproved,
  fileAndSubmit,
  lockMeeting,
  nextMeeting,
  onDay,
  send,
  userByEmail,
} from "~/modules/seed/drive.server";
import { koreanDayFromToday, todayInKorea } from "~/utils/clock";
import { db } from "~/utils/db.server";

const MOHW = "officer@mohw.go.kr";
type User = Awaited<ReturnType<typeof userByEmail>>;
let officer: User;
let otherOfficer: User;
let secretariat: User;
let chair: User;
let member: User;

beforeAll(async () => {
  await seedUsers();
  [officer, otherOfficer, secretariat, chair, member] = await Promise.all(
    [MOHW, "officer@mnd.go.kr", SECRETARIAT_EMAIL, CHAIR_EMAIL, MEMBER_EMAIL].map(userByEmail),
  );
});

const stateOf = async (id: string) => (await db.demandRequest.findUniqueOrThrow({ where: { id }, select: { state: true } })).state;
const versionOf = async (meetingId: string) => (await db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).version;

/** A co-signed request of the health ministry, ready to go on an agenda. */
async function ready(title = "의료 AI 실증 요청", agreed = 64) {
  const id = await fileAndSubmit(officer, { title });
  await send(secretariat, id, { type: "ACCEPT" });
  await cosignPlan(id, officer, secretariat, agreed);
  return id;
}

async function onNewMeeting(count: number, date?: string) {
  const meeting = await nextMeeting(secretariat, date);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await ready(`안건 요청 ${i + 1}`);
    await addToAgenda({ user: secretariat, meetingId: meeting.id, requestId: id });
    ids.push(id);
  }
  return { meetingId: meeting.id, ids };
}

describe("meeting dates", () => {
  it("a new meeting is never dated before today in Korea; today and later are accepted", async () => {
    const number = 700;
    const past = await rejection(
      createMeeting({ user: secretariat, input: { number, date: koreanDayFromToday(-1), title: "과학기술관계장관회의", place: "서울" } }),
    );
    expect([past.status, past.code, past.messageKey]).toEqual([422, "VALIDATION_FAILED", "deliberation.meeting.error.datePast"]);
    expect(past.extra?.fields).toHaveProperty("date");
    const today = await createMeeting({
      user: secretariat,
      input: { number, date: todayInKorea(), startTime: "10:00", title: "과학기술관계장관회의", place: "서울", attendees: ["장관", "차관"] },
    });
    expect(today).toMatchObject({ date: todayInKorea(), startTime: "10:00", attendees: ["장관", "차관"] });
  });

  it("is edited (postponed) until the agenda is locked, never into the past; each edit is audited with what changed", async () => {
    const { meetingId } = await onNewMeeting(1);
    const later = koreanDayFromToday(21);
    await updateMeeting({ user: secretariat, meetingId, changes: { date: later, startTime: "14:00", place: "정부세종청사", attendees: ["위원장"] } });
    const m = await getMeeting({ user: secretariat, meetingId });
    expect(m).toMatchObject({ date: later, startTime: "14:00", place: "정부세종청사", attendees: ["위원장"] });
    expect((await rejection(updateMeeting({ user: secretariat, meetingId, changes: { date: koreanDayFromToday(-2) } }))).messageKey).toBe(
      "deliberation.meeting.error.datePast",
    );
    expect((await rejection(updateMeeting({ user: secretariat, meetingId, changes: { place: "정부세종청사" } }))).messageKey).toBe(
      "deliberation.meeting.error.nothingChanged",
    );
    expect((await rejection(updateMeeting({ user: secretariat, meetingId, expectedVersion: m.version - 1, changes: { place: "서울" } }))).code).toBe(
      "VERSION_CONFLICT",
    );
    expect((await rejection(updateMeeting({ user: chair, meetingId, changes: { place: "서울" } }))).status).toBe(403);
    expect((await rejection(updateMeeting({ user: officer, meetingId, changes: { place: "서울" } }))).status).toBe(404);
    const history = await meetingHistory({ user: secretariat, meetingId });
    expect(history.map((e) => e.type)).toEqual(["MEETING_CREATED", "MEETING_UPDATED"]);
    expect(history[1].payload.changes).toMatchObject({ date: { to: later }, place: { from: "정부서울청사", to: "정부세종청사" } });

    await lockMeeting(secretariat, meetingId);
    expect((await rejection(updateMeeting({ user: secretariat, meetingId, changes: { place: "서울" } }))).messageKey).toBe("meeting.error.wrongStatus");
  });
});

describe("taking items off, unlocking, cancelling", () => {
  it("an item taken off goes back to joint planning through UNSCHEDULE; its row, 의안번호 and reason stay", async () => {
    const { meetingId, ids } = await onNewMeeting(3);
    let m = await getMeeting({ user: secretariat, meetingId });
    expect(m.items.map((i) => i.number)).toEqual([1, 2, 3]);
    await removeFromAgenda({ user: secretariat, meetingId, requestId: ids[1], reason: "공동계획 보완 후 다음 회의에 상정" });
    expect(await stateOf(ids[1])).toBe("jointPlanning");
    m = await getMeeting({ user: secretariat, meetingId });
    expect(m.items.map((i) => [i.request.id, i.number])).toEqual([
      [ids[0], 1],
      [ids[2], 3],
    ]);
    expect(m.removedItems).toMatchObject([{ number: 2, removal: "unscheduled", removalReason: "공동계획 보완 후 다음 회의에 상정" }]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { requestId: ids[1], type: "UNSCHEDULE" } });
    expect([audit.fromState, audit.toState, JSON.parse(audit.payload).reason]).toEqual(["onAgenda", "jointPlanning", "공동계획 보완 후 다음 회의에 상정"]);
    expect((await rejection(removeFromAgenda({ user: secretariat, meetingId, requestId: ids[1], reason: "x" }))).status).toBe(404);
    expect((await rejection(removeFromAgenda({ user: secretariat, meetingId, requestId: ids[0], reason: " " }))).extra?.reason).toBe("REASON_REQUIRED");

    // back on the same meeting: the same number again; a new request gets the next one
    await addToAgenda({ user: secretariat, meetingId, requestId: ids[1] });
    const fourth = await ready("네 번째 요청");
    await addToAgenda({ user: secretariat, meetingId, requestId: fourth });
    m = await getMeeting({ user: secretariat, meetingId });
    expect(m.items.map((i) => i.number)).toEqual([1, 3, 2, 4]);
    expect(m.removedItems).toEqual([]);

    // once locked, the meeting decides: nothing is taken off
    await lockMeeting(secretariat, meetingId);
    expect((await rejection(removeFromAgenda({ user: secretariat, meetingId, requestId: ids[0], reason: "x" }))).extra?.reason).toBe("AGENDA_LOCKED");
  });

  it("an agenda unlocks with a reason while no decision is recorded, and locks again", async () => {
    const { meetingId, ids } = await onNewMeeting(2);
    expect((await rejection(unlockAgenda({ user: secretariat, meetingId, reason: "x" }))).messageKey).toBe("meeting.error.wrongStatus");
    await lockMeeting(secretariat, meetingId);
    await unlockAgenda({ user: secretariat, meetingId, reason: "긴급 안건 추가" });
    expect((await getMeeting({ user: secretariat, meetingId })).status).toBe("planning");
    await removeFromAgenda({ user: secretariat, meetingId, requestId: ids[1], reason: "다음 회의로" });
    await lockMeeting(secretariat, meetingId);
    await send(secretariat, ids[0], { type: "DECIDE", outcome: "approve", approvedGpus: 64 });
    const refused = await rejection(unlockAgenda({ user: secretariat, meetingId, reason: "x" }));
    expect([refused.status, refused.messageKey]).toEqual([422, "deliberation.meeting.error.hasDecisions"]);
    const history = await meetingHistory({ user: secretariat, meetingId });
    expect(history.map((e) => e.type)).toEqual(["MEETING_CREATED", "AGENDA_LOCKED", "AGENDA_UNLOCKED", "AGENDA_LOCKED"]);
    expect(history[2].payload.reason).toBe("긴급 안건 추가");
  });

  it("a cancelled meeting sends every item back through the machine and keeps its record", async () => {
    const { meetingId, ids } = await onNewMeeting(2);
    await lockMeeting(secretariat, meetingId);
    await cancelMeeting({ user: secretariat, meetingId, expectedVersion: await versionOf(meetingId), reason: "장관 일정 변경" });
    expect(await Promise.all(ids.map(stateOf))).toEqual(["jointPlanning", "jointPlanning"]);
    const m = await getMeeting({ user: secretariat, meetingId });
    expect(m).toMatchObject({ status: "cancelled", cancelReason: "장관 일정 변경", items: [] });
    expect(m.removedItems.map((i) => i.removal)).toEqual(["meetingCancelled", "meetingCancelled"]);
    const unscheduled = await db.auditEvent.findMany({ where: { requestId: { in: ids }, type: "UNSCHEDULE" } });
    expect(unscheduled.map((e) => JSON.parse(e.payload))).toEqual([
      expect.objectContaining({ reason: "장관 일정 변경", meetingCancelled: meetingId }),
      expect.objectContaining({ reason: "장관 일정 변경", meetingCancelled: meetingId }),
    ]);
    expect((await rejection(cancelMeeting({ user: secretariat, meetingId, reason: "x" }))).messageKey).toBe("meeting.error.wrongStatus");
    // the requests can go on another meeting
    const next = await nextMeeting(secretariat);
    await addToAgenda({ user: secretariat, meetingId: next.id, requestId: ids[0] });
    expect(await stateOf(ids[0])).toBe("onAgenda");
  });

  it("a meeting with a decision cannot be cancelled", async () => {
    const { meetingId, ids } = await onNewMeeting(1);
    await lockMeeting(secretariat, meetingId);
    await send(secretariat, ids[0], { type: "DECIDE", outcome: "reject", approvedGpus: 0 });
    expect((await rejection(cancelMeeting({ user: secretariat, meetingId, reason: "x" }))).messageKey).toBe("deliberation.meeting.error.hasDecisions");
  });
});

describe("withdrawal and the agenda", () => {
  it("withdrawing from an unlocked agenda takes the item off; after the lock it is refused; the minutes still publish", async () => {
    const { meetingId, ids } = await onNewMeeting(3);
    await send(officer, ids[0], { type: "WITHDRAW", reason: "자체 예산으로 추진" });
    expect(await stateOf(ids[0])).toBe("withdrawn");
    await lockMeeting(secretariat, meetingId);
    const refused = await rejection(send(officer, ids[1], { type: "WITHDRAW", reason: "철회" }));
    expect([refused.status, refused.extra?.reason]).toEqual([422, "AGENDA_LOCKED"]);
    expect(await stateOf(ids[1])).toBe("onAgenda");
    const { number } = await getMeeting({ user: secretariat, meetingId });
    expect((await meetingsOfRequest({ user: officer, requestId: ids[1] })).lockedMeetingNumber).toBe(number);
    // nor is it moved to another meeting: the locked agenda keeps it until it is decided
    const elsewhere = await nextMeeting(secretariat);
    expect((await rejection(addToAgenda({ user: secretariat, meetingId: elsewhere.id, requestId: ids[1] }))).extra?.reason).toBe("AGENDA_LOCKED");

    await send(secretariat, ids[1], { type: "DECIDE", outcome: "approve", approvedGpus: 64 });
    await send(secretariat, ids[2], { type: "DECIDE", outcome: "defer", approvedGpus: 0 });
    const m = await getMeeting({ user: secretariat, meetingId });
    expect(m.removedItems).toMatchObject([{ request: { id: ids[0] }, removal: "withdrawn", removalReason: "자체 예산으로 추진" }]);
    await publishMinutes({ user: secretariat, meetingId, expectedVersion: m.version });
    expect((await getMeeting({ user: secretariat, meetingId })).status).toBe("minutesPublished");
  });
});

describe("refused sign-off", () => {
  it("is recorded as refused on the meeting; the officer reads only their own items of the published minutes", async () => {
    const { meetingId, ids } = await onNewMeeting(1);
    const other = await fileAndSubmit(otherOfficer, { title: "국방 요청" });
    await send(secretariat, other, { type: "ACCEPT" });
    await cosignPlan(other, otherOfficer, secretariat, 10);
    await addToAgenda({ user: secretariat, meetingId, requestId: other });
    await lockMeeting(secretariat, meetingId);
    await send(secretariat, ids[0], { type: "DECIDE", outcome: "approve", approvedGpus: 64 });
    await send(secretariat, other, { type: "DECIDE", outcome: "reject", approvedGpus: 0 });
    await send(chair, ids[0], { type: "REFUSE_SIGNOFF", reason: "수량 재검토" });
    expect((await rejection(getMinutes({ user: officer, meetingId }))).status).toBe(404); // not published yet
    const m = await getMeeting({ user: secretariat, meetingId });
    expect(m.items.find((i) => i.request.id === ids[0])?.decision).toMatchObject({
      status: "refused",
      signoffs: [{ verdict: "REFUSED", comment: "수량 재검토" }],
    });
    await publishMinutes({ user: secretariat, meetingId, expectedVersion: m.version });
    const minutes = await getMinutes({ user: officer, meetingId });
    expect(minutes.ownItemsOnly).toBe(true);
    expect(minutes.items.map((i) => i.request.id)).toEqual([ids[0]]);
    expect((await rejection(getMinutes({ user: await userByEmail("officer@mafra.go.kr"), meetingId }))).status).toBe(404);
    expect((await rejection(getMeeting({ user: officer, meetingId }))).status).toBe(404);
  });
});

describe("correcting a decision", () => {
  it("before the quorum: a new version, every signature cleared, both kept", async () => {
    const { meetingId, ids } = await onNewMeeting(1);
    const [id] = ids;
    await lockMeeting(secretariat, meetingId);
    await send(secretariat, id, { type: "DECIDE", outcome: "approve", approvedGpus: 64 });
    await send(member, id, { type: "SIGN", comment: "이견 없음" });
    const unchanged = await rejection(send(secretariat, id, { type: "AMEND_DECISION", outcome: "approve", approvedGpus: 64, reason: "x" }));
    expect(unchanged.extra?.reason).toBe("DECISION_UNCHANGED");
    expect((await rejection(send(chair, id, { type: "AMEND_DECISION", outcome: "approve", approvedGpus: 60, reason: "x" }))).status).toBe(403);
    await send(secretariat, id, { type: "AMEND_DECISION", outcome: "approve", approvedGpus: 48, reason: "합의 수량 오기 정정", note: "2단계 배분" });
    const { decisions } = await requestDecisions({ user: officer, requestId: id });
    expect(decisions.map((d) => [d.status, d.approvedGpus, d.signoffs.length])).toEqual([
      ["amended", 64, 1],
      ["awaiting", 48, 0],
    ]);
    expect(decisions[1]).toMatchObject({ amendsId: decisions[0].id, amendReason: "합의 수량 오기 정정", note: "2단계 배분", agendaNumber: 1 });
    // the member signs again; with the chair it takes effect — then only a reconsideration changes it
    await send(member, id, { type: "SIGN" });
    await send(chair, id, { type: "SIGN" });
    expect(await stateOf(id)).toBe("approved");
    expect((await db.demandRequest.findUniqueOrThrow({ where: { id } })).approvedGpus).toBe(48);
    expect((await rejection(send(secretariat, id, { type: "AMEND_DECISION", outcome: "approve", approvedGpus: 40, reason: "x" }))).extra?.reason).toBe(
      "NOT_IN_STATE",
    );
    const notice = await decisionNotice({ user: officer, requestId: id });
    expect(notice.decision).toMatchObject({ approvedGpus: 48, status: "effective", agendaNumber: 1 });
    expect((await rejection(decisionNotice({ user: otherOfficer, requestId: id }))).status).toBe(404);
  });

  it("after it took effect: a reconsideration on a new agenda replaces it; its unmet conditions are superseded", async () => {
    const { requestId: id } = await driveRequestToApproved({
      officerEmail: MOHW,
      agreedGpus: 100,
      approvedGpus: 80,
      outcome: "approveWithConditions",
      conditions: [{ text: "개인정보 영향평가 결과 제출", dueOn: koreanDayFromToday(60) }],
    });
    const meeting = await nextMeeting(secretariat, koreanDayFromToday(7));
    expect((await rejection(send(secretariat, id, { type: "RECONSIDER", meetingId: meeting.id, reason: " " }))).extra?.reason).toBe("REASON_REQUIRED");
    await send(secretariat, id, { type: "RECONSIDER", meetingId: meeting.id, reason: "데이터 반출 범위 변경" });
    expect(await stateOf(id)).toBe("onAgenda");
    expect((await getMeeting({ user: secretariat, meetingId: meeting.id })).items[0]).toMatchObject({ reconsideration: true, number: 1 });
    await lockMeeting(secretariat, meeting.id);
    expect((await rejection(send(secretariat, id, { type: "DECIDE", outcome: "approve", approvedGpus: 60 }))).code).toBe("MEETING_NOT_HELD");
    await onDay(koreanDayFromToday(7), async () => {
      await send(secretariat, id, { type: "DECIDE", outcome: "approve", approvedGpus: 60 });
      await send(chair, id, { type: "SIGN" });
      await send(member, id, { type: "SIGN" });
    });
    const row = await db.demandRequest.findUniqueOrThrow({ where: { id } });
    expect([row.state, row.approvedGpus]).toEqual(["approved", 60]);
    const { decisions } = await requestDecisions({ user: officer, requestId: id });
    expect(decisions.map((d) => [d.status, d.outcome])).toEqual([
      ["superseded", "approveWithConditions"],
      ["effective", "approve"],
    ]);
    expect((await listConditions({ user: officer, requestId: id })).map((c) => c.status)).toEqual(["superseded"]);
    expect((await decisionNotice({ user: officer, requestId: id })).replacesEarlier).toBe(true);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("a reconsideration taken off its agenda leaves the decision in force", async () => {
    const { requestId: id } = await driveRequestToApproved({ officerEmail: MOHW, agreedGpus: 50, approvedGpus: 50 });
    const meeting = await nextMeeting(secretariat, koreanDayFromToday(7));
    await send(secretariat, id, { type: "RECONSIDER", meetingId: meeting.id, reason: "재검토" });
    await removeFromAgenda({ user: secretariat, meetingId: meeting.id, requestId: id, reason: "재심의 요청 철회" });
    const row = await db.demandRequest.findUniqueOrThrow({ where: { id } });
    expect([row.state, row.approvedGpus]).toEqual(["approved", 50]);
    const { decisions } = await requestDecisions({ user: officer, requestId: id });
    expect(decisions.map((d) => d.status)).toEqual(["effective"]);
  });
});
