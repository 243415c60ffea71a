import { beforeAll, describe, expect, it } from "vitest";
import { expectKept, rejection, seedUsers } from "~/test/fixtures";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { listConditions, markConditionMet, returnEvidence, submitEvidence } from "~/modules/conditions/conditions.server";
import { addToAgenda, getMeeting, listMeetings, lockAgenda, publishMinutes, reorderAgenda } from "~/modules/meetings/meetings.server";
import { pendingSignoffs } from "~/modules/meetings/signoffs.server";
import { getPlan, planRevisions, savePlan, signPlan } from "~/modules/plans/plans.server";
import {
  CHAIR_EMAIL,
  MEMBER_EMAIL,
  SECRETARIAT_EMAIL,
  cosignPlan,
  demoPlan,
  driveRequestToApproved,
  fileAndSubmit,
  lockMeeting,
  nextMeeting,
  onDay,
  send,
  userByEmail,
} from "~/modules/seed/drive.server";
import { db } from "~/utils/db.server";

const MOHW = "officer@mohw.go.kr";

const stateOf = async (id: string) => db.demandRequest.findUniqueOrThrow({ where: { id }, select: { state: true, version: true } });

let officer: Awaited<ReturnType<typeof userByEmail>>;
let otherOfficer: typeof officer;
let secretariat: typeof officer;
let chair: typeof officer;
let member: typeof officer;

beforeAll(async () => {
  await seedUsers();
  [officer, otherOfficer, secretariat, chair, member] = await Promise.all(
    [MOHW, "officer@mnd.go.kr", SECRETARIAT_EMAIL, CHAIR_EMAIL, MEMBER_EMAIL].map(userByEmail),
  );
});

async function acceptedRequest() {
  const id = await fileAndSubmit(officer, { title: "의료 AI 실증 요청" });
  await send(secretariat, id, { type: "ACCEPT" });
  return id;
}

describe("joint plan", () => {
  it("every save is a revision; signatures name a revision, so an edit clears both", async () => {
    const id = await acceptedRequest();
    const first = await savePlan({ user: officer, requestId: id, expectedRevision: 0, sections: demoPlan(100) });
    expect(first.revision).toBe(1);
    await signPlan({ user: officer, requestId: id, expectedRevision: 1 });
    await signPlan({ user: secretariat, requestId: id, expectedRevision: 1 });
    expect((await getPlan({ user: officer, requestId: id })).coSigned).toBe(true);

    const edit = await savePlan({ user: secretariat, requestId: id, expectedRevision: 1, sections: demoPlan(90) });
    expect(edit).toMatchObject({ revision: 2, changed: ["agreedGpus"], clearedSignatures: ["MINISTRY", "MSIT"] });
    const plan = await getPlan({ user: officer, requestId: id });
    expect(plan).toMatchObject({ revision: 2, coSigned: false, signatures: [], agreedGpus: 90 });
    expect((await planRevisions({ user: officer, requestId: id })).map((r) => r.revision)).toEqual([2, 1]);
  });

  it("a stale revision is a conflict; signing twice for one side, or from another ministry, is refused", async () => {
    const id = await acceptedRequest();
    await savePlan({ user: officer, requestId: id, expectedRevision: 0, sections: demoPlan(50) });
    expect((await rejection(savePlan({ user: secretariat, requestId: id, expectedRevision: 0, sections: demoPlan(60) }))).code).toBe("VERSION_CONFLICT");
    await signPlan({ user: officer, requestId: id, expectedRevision: 1 });
    expect((await rejection(signPlan({ user: officer, requestId: id, expectedRevision: 1 }))).messageKey).toBe("plan.error.alreadySigned");
    expect((await rejection(signPlan({ user: otherOfficer, requestId: id, expectedRevision: 1 }))).status).toBe(404);
    expect((await rejection(signPlan({ user: chair, requestId: id, expectedRevision: 1 }))).status).toBe(403);
  });

  it("cannot be signed without an agreed GPU count", async () => {
    const id = await acceptedRequest();
    await savePlan({ user: officer, requestId: id, expectedRevision: 0, sections: demoPlan(10, { agreedGpus: null }) });
    expect((await rejection(signPlan({ user: officer, requestId: id, expectedRevision: 1 }))).messageKey).toBe("plan.error.agreedGpusMissing");
  });
});

describe("agenda, decision and sign-off", () => {
  it("scheduling with an unsigned plan is refused with the reason and changes nothing", async () => {
    const id = await acceptedRequest();
    await savePlan({ user: officer, requestId: id, expectedRevision: 0, sections: demoPlan(40) });
    const meeting = await nextMeeting(secretariat);
    const before = await stateOf(id);
    const error = await rejection(addToAgenda({ user: secretariat, meetingId: meeting.id, requestId: id }));
    expect(error.status).toBe(422);
    expect(error.extra?.reason).toBe("PLAN_NOT_COSIGNED");
    expect(error.text?.en).toMatch(/sign/i);
    expect(await stateOf(id)).toEqual(before);
    expect(await db.agendaItem.count({ where: { requestId: id } })).toBe(0);
  });

  it("a locked agenda takes no items; DECIDE waits for the lock; reorder keeps every item once", async () => {
    const meeting = await nextMeeting(secretariat);
    const listed = async () => (await listMeetings({ user: member })).find((x) => x.id === meeting.id);
    expect(await listed()).toMatchObject({ itemCount: 0, status: "planning" });
    expectKept(await listMeetings({ user: chair }), await listMeetings({ user: secretariat })); // kept until the next commit, one for all readers
    const ids: string[] = [];
    for (const gpus of [10, 20, 30]) {
      const id = await acceptedRequest();
      await cosignPlan(id, officer, secretariat, gpus);
      await addToAgenda({ user: secretariat, meetingId: meeting.id, requestId: id });
      ids.push(id);
    }
    expect(await listed()).toMatchObject({ itemCount: 3 }); // the list follows every commit (ADR 0029)
    await expect(listMeetings({ user: officer })).rejects.toMatchObject({ status: 404 }); // the permission check runs before the kept read
    const early = await rejection(send(secretariat, ids[0], { type: "DECIDE", outcome: "approve", approvedGpus: 10 }));
    expect(early.extra?.reason).toBe("AGENDA_NOT_LOCKED");

    let m = await getMeeting({ user: secretariat, meetingId: meeting.id });
    expect(m.items.map((i) => i.request.id)).toEqual(ids);
    const order = [ids[2], ids[0], ids[1]];
    const partial = reorderAgenda({ user: secretariat, meetingId: meeting.id, expectedVersion: m.version, requestIds: [ids[0], ids[1]] });
    expect((await rejection(partial)).status).toBe(422);
    await reorderAgenda({ user: secretariat, meetingId: meeting.id, expectedVersion: m.version, requestIds: order });
    m = await getMeeting({ user: secretariat, meetingId: meeting.id });
    expect(m.items.map((i) => i.request.id)).toEqual(order);
    expect((await rejection(reorderAgenda({ user: secretariat, meetingId: meeting.id, expectedVersion: m.version - 1, requestIds: order }))).code).toBe(
      "VERSION_CONFLICT",
    );

    await lockAgenda({ user: secretariat, meetingId: meeting.id, expectedVersion: m.version });
    expect(await listed()).toMatchObject({ status: "agendaLocked", itemCount: 3 });
    const late = await acceptedRequest();
    await cosignPlan(late, officer, secretariat, 5);
    expect((await rejection(addToAgenda({ user: secretariat, meetingId: meeting.id, requestId: late }))).extra?.reason).toBe("MEETING_CLOSED");

    // approved GPUs may not exceed the agreed count
    expect((await rejection(send(secretariat, ids[2], { type: "DECIDE", outcome: "approve", approvedGpus: 31 }))).extra?.reason).toBe("APPROVED_OVER_AGREED");
    for (const id of ids) await send(secretariat, id, { type: "DECIDE", outcome: "reject", approvedGpus: 0 });
    m = await getMeeting({ user: secretariat, meetingId: meeting.id });
    expect(m.status).toBe("held");
    await publishMinutes({ user: secretariat, meetingId: meeting.id, expectedVersion: m.version });
    expect((await getMeeting({ user: secretariat, meetingId: meeting.id })).status).toBe("minutesPublished");
  });

  it("one signature does not decide; the same approver can't sign twice; chair + member reach the quorum", async () => {
    const id = await acceptedRequest();
    await cosignPlan(id, officer, secretariat, 64);
    const meeting = await nextMeeting(secretariat);
    await addToAgenda({ user: secretariat, meetingId: meeting.id, requestId: id });
    await lockMeeting(secretariat, meeting.id);
    await send(secretariat, id, { type: "DECIDE", outcome: "approve", approvedGpus: 60 });
    expect((await pendingSignoffs({ user: chair })).map((d) => d.requestId)).toContain(id);

    await send(member, id, { type: "SIGN", comment: "이견 없음" });
    expect((await stateOf(id)).state).toBe("awaitingSignoff");
    const twice = await rejection(send(member, id, { type: "SIGN" }));
    expect([twice.status, twice.extra?.reason]).toEqual([422, "ALREADY_SIGNED"]);
    expect((await pendingSignoffs({ user: member })).map((d) => d.requestId)).not.toContain(id);

    await send(chair, id, { type: "SIGN" });
    const row = await db.demandRequest.findUniqueOrThrow({ where: { id } });
    expect([row.state, row.approvedGpus]).toEqual(["approved", 60]);
    const decision = await db.decision.findFirstOrThrow({ where: { requestId: id }, include: { signoffs: true } });
    expect(decision.status).toBe("effective");
    expect(decision.signoffs.map((s) => s.verdict)).toEqual(["SIGNED", "SIGNED"]);
  });

  it("a refused sign-off sends the item back for the next meeting", async () => {
    const id = await acceptedRequest();
    await cosignPlan(id, officer, secretariat, 64);
    const third = await nextMeeting(secretariat);
    await addToAgenda({ user: secretariat, meetingId: third.id, requestId: id });
    await lockMeeting(secretariat, third.id);
    await send(secretariat, id, { type: "DECIDE", outcome: "approve", approvedGpus: 64 });
    await send(chair, id, { type: "REFUSE_SIGNOFF", reason: "수량 재검토 필요" });
    expect((await stateOf(id)).state).toBe("onAgenda");
    expect((await db.decision.findFirstOrThrow({ where: { requestId: id } })).status).toBe("refused");
    expect((await rejection(send(secretariat, id, { type: "DECIDE", outcome: "approve", approvedGpus: 64 }))).extra?.reason).toBe("WRONG_MEETING");

    const fourth = await nextMeeting(secretariat, "2027-02-20");
    await addToAgenda({ user: secretariat, meetingId: fourth.id, requestId: id });
    expect(await db.agendaItem.count({ where: { requestId: id } })).toBe(2); // the third meeting keeps its record
    await lockMeeting(secretariat, fourth.id);
    // results wait for the meeting's date (Korean time): refused before it, recorded on it
    const early = await rejection(send(secretariat, id, { type: "DECIDE", outcome: "approve", approvedGpus: 32 }));
    expect([early.status, early.code, early.extra?.reason]).toEqual([422, "MEETING_NOT_HELD", "MEETING_NOT_HELD"]);
    await onDay("2027-02-20", () => send(secretariat, id, { type: "DECIDE", outcome: "approve", approvedGpus: 32 }));
    expect((await stateOf(id)).state).toBe("awaitingSignoff");
  });
});

describe("conditions as obligations", () => {
  it("conditional approval → evidence → marked met → approved, all in the audit chain", async () => {
    const { requestId } = await driveRequestToApproved({
      officerEmail: MOHW,
      agreedGpus: 100,
      approvedGpus: 80,
      outcome: "approveWithConditions",
      conditions: [{ text: "개인정보 영향평가 결과 제출", dueOn: "2027-03-31" }],
    });
    expect((await stateOf(requestId)).state).toBe("conditionallyApproved");
    const [condition] = await listConditions({ user: officer, requestId });
    expect(condition).toMatchObject({ status: "open", text: "개인정보 영향평가 결과 제출" });
    expect((await rejection(listConditions({ user: otherOfficer, requestId }))).status).toBe(404);
    expect((await rejection(submitEvidence({ user: officer, conditionId: condition.id, expectedVersion: 1, note: " " }))).messageKey).toBe(
      "condition.error.evidenceRequired",
    );
    expect((await rejection(markConditionMet({ user: officer, conditionId: condition.id, expectedVersion: 1 }))).status).toBe(404);

    await submitEvidence({ user: officer, conditionId: condition.id, expectedVersion: 1, note: "영향평가 초안" });
    // sent back: the reason stays with the condition (the page shows it next to it)
    await returnEvidence({ user: secretariat, conditionId: condition.id, expectedVersion: 2, reason: "최종 보고서를 첨부하세요." });
    expect((await listConditions({ user: officer, requestId }))[0]).toMatchObject({ status: "open", returnedReason: "최종 보고서를 첨부하세요." });
    await submitEvidence({ user: officer, conditionId: condition.id, expectedVersion: 3, note: "영향평가 완료 보고서 제출" });
    const result = await markConditionMet({ user: secretariat, conditionId: condition.id, expectedVersion: 4 });
    expect(result.requestState).toBe("approved");
    const row = await db.demandRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect([row.state, row.approvedGpus]).toEqual(["approved", 80]);
    const types = (await db.auditEvent.findMany({ where: { requestId }, orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(types.slice(-5)).toEqual(["CONDITION_EVIDENCE", "CONDITION_RETURNED", "CONDITION_EVIDENCE", "CONDITION_MET", "CONDITIONS_MET"]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
