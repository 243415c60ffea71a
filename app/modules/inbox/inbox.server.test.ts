import { now } from "~/utils/clock";
import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { addDays, koreanDate } from "~/modules/calendar/business-days";
import { submitEvidence } from "~/modules/conditions/conditions.server";
import { addToAgenda } from "~/modules/meetings/meetings.server";
import { savePlan, signPlan } from "~/modules/plans/plans.server";
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
  send,
  userByEmail,
} from "~/modules/seed/drive.server";
import { db } from "~/utils/db.server";
import { inboxFor, inboxTotal, type InboxGroup, type InboxKey } from "./inbox.server";

// Rows are made through the real services (requests, plans, meetings, decisions, conditions), so the
// inbox is tested against what the product actually writes.

type User = Awaited<ReturnType<typeof userByEmail>>;
let officer: User, otherOfficer: User, secretariat: User, chair: User, member: User, admin: User;

beforeAll(async () => {
  await seedUsers();
  [officer, otherOfficer, secretariat, chair, member, admin] = await Promise.all(
    ["officer@mohw.go.kr", "officer@mnd.go.kr", SECRETARIAT_EMAIL, CHAIR_EMAIL, MEMBER_EMAIL, "admin@ax.go.kr"].map(userByEmail),
  );
});

const find = (groups: InboxGroup[], key: InboxKey) => groups.find((g) => g.key === key);
const countOf = async (user: User, key: InboxKey, now?: Date) => find(await inboxFor(user, now), key)?.count ?? 0;
const entryTo = async (user: User, key: InboxKey, id: string) => find(await inboxFor(user), key)?.entries.find((e) => e.id === id)?.to;

async function accepted(user: User, title: string) {
  const id = await fileAndSubmit(user, { title });
  await send(secretariat, id, { type: "ACCEPT" });
  return id;
}

describe("officer", () => {
  it("sees own requests returned for revision, never another ministry's", async () => {
    const id = await fileAndSubmit(officer, { title: "보완 요청될 요청" });
    await send(secretariat, id, { type: "RETURN", reasons: ["KPI 구체화"] });
    const groups = await inboxFor(officer);
    expect(find(groups, "revision")?.entries.map((e) => [e.id, e.to])).toContainEqual([id, `/requests/${id}`]);
    expect(await countOf(otherOfficer, "revision")).toBe(0);
    await send(officer, id, { type: "RESUBMIT" });
    expect(await countOf(officer, "revision")).toBe(0);
  });

  it("sees plans whose current revision lacks the ministry's signature; an edit brings them back", async () => {
    const id = await accepted(officer, "공동계획 서명 대기 요청");
    expect(await countOf(officer, "planToSign")).toBe(0); // no plan saved yet (revision 0)
    await savePlan({ user: secretariat, requestId: id, expectedRevision: 0, sections: demoPlan(50) });
    expect(await entryTo(officer, "planToSign", id)).toBe(`/requests/${id}/plan`);
    expect(await countOf(otherOfficer, "planToSign")).toBe(0);
    await signPlan({ user: officer, requestId: id, expectedRevision: 1 });
    expect(await entryTo(officer, "planToSign", id)).toBeUndefined();
    await savePlan({ user: secretariat, requestId: id, expectedRevision: 1, sections: demoPlan(40) });
    expect(await entryTo(officer, "planToSign", id)).toBe(`/requests/${id}/plan`);
  });

  it("sees open conditions with overdue and due-soon counts; submitted evidence moves to the secretariat", async () => {
    const today = koreanDate(now());
    const { requestId } = await driveRequestToApproved({
      officerEmail: "officer@mohw.go.kr",
      agreedGpus: 100,
      approvedGpus: 80,
      outcome: "approveWithConditions",
      conditions: [
        { text: "기한 지난 조건", dueOn: addDays(today, -1) },
        { text: "곧 마감되는 조건", dueOn: addDays(today, 14) },
        { text: "여유 있는 조건", dueOn: addDays(today, 15) },
      ],
    });
    const group = find(await inboxFor(officer), "conditionsDue")!;
    expect(group).toMatchObject({ count: 3, overdue: 1, dueSoon: 1, to: "/requests?state=conditionallyApproved" });
    expect(group.entries.map((e) => [e.title, e.flag])).toEqual([
      ["기한 지난 조건", "overdue"],
      ["곧 마감되는 조건", "dueSoon"],
      ["여유 있는 조건", undefined],
    ]);
    expect(group.entries[0].to).toBe(`/requests/${requestId}#conditions`);
    expect(await countOf(otherOfficer, "conditionsDue")).toBe(0);

    const evidenceBefore = await countOf(secretariat, "evidenceToReview");
    const first = await db.condition.findFirstOrThrow({ where: { requestId, text: "기한 지난 조건" } });
    await submitEvidence({ user: officer, conditionId: first.id, expectedVersion: first.version, note: "결과 보고서 제출" });
    expect(find(await inboxFor(officer), "conditionsDue")).toMatchObject({ count: 2, dueSoon: 1 });
    expect(find(await inboxFor(officer), "conditionsDue")?.overdue).toBeUndefined();
    expect(await countOf(secretariat, "evidenceToReview")).toBe(evidenceBefore + 1);
  });
});

describe("secretariat", () => {
  it("counts submissions to screen, overdue by the business-day clock", async () => {
    const before = await countOf(secretariat, "toScreen");
    await fileAndSubmit(otherOfficer, { title: "검토 대기 국방 요청" });
    const groups = await inboxFor(secretariat);
    expect(find(groups, "toScreen")).toMatchObject({ count: before + 1, to: "/screening" });
    expect(find(groups, "toScreen")?.overdue).toBeUndefined();
    const later = find(await inboxFor(secretariat, new Date(now().getTime() + 30 * 86_400_000)), "toScreen");
    expect(later?.overdue).toBe(before + 1);
  });

  it("plans awaiting MSIT, agendas to lock, decisions to record — each gone once done", async () => {
    const id = await accepted(otherOfficer, "안건 상정 대상 요청");
    await savePlan({ user: otherOfficer, requestId: id, expectedRevision: 0, sections: demoPlan(30) });
    expect(await entryTo(secretariat, "planToSignMsit", id)).toBe(`/requests/${id}/plan`);
    await signPlan({ user: otherOfficer, requestId: id, expectedRevision: 1 });
    await signPlan({ user: secretariat, requestId: id, expectedRevision: 1 });
    expect(await entryTo(secretariat, "planToSignMsit", id)).toBeUndefined();

    const empty = await nextMeeting(secretariat);
    const meeting = await nextMeeting(secretariat);
    await addToAgenda({ user: secretariat, meetingId: meeting.id, requestId: id });
    const agendas = find(await inboxFor(secretariat), "agendasToLock")!;
    expect(agendas.entries.map((e) => e.id)).toContain(meeting.id);
    expect(agendas.entries.map((e) => e.id)).not.toContain(empty.id); // nothing on it to lock
    expect(await entryTo(secretariat, "decisionsToRecord", id)).toBeUndefined(); // not locked yet

    await lockMeeting(secretariat, meeting.id);
    expect(find(await inboxFor(secretariat), "agendasToLock")?.entries.map((e) => e.id) ?? []).not.toContain(meeting.id);
    expect(await entryTo(secretariat, "decisionsToRecord", id)).toBe(`/meetings/${meeting.id}`);

    await send(secretariat, id, { type: "DECIDE", outcome: "approve", approvedGpus: 30 });
    expect(await entryTo(secretariat, "decisionsToRecord", id)).toBeUndefined();
  });
});

describe("approver", () => {
  it("sees decisions awaiting their own sign-off; a refused one leaves them and tells the secretariat to re-schedule it", async () => {
    const id = await accepted(officer, "결재 대기 요청");
    await cosignPlan(id, officer, secretariat, 20);
    const meeting = await nextMeeting(secretariat);
    await addToAgenda({ user: secretariat, meetingId: meeting.id, requestId: id });
    await lockMeeting(secretariat, meeting.id);
    await send(secretariat, id, { type: "DECIDE", outcome: "approve", approvedGpus: 20 });
    const decision = await db.decision.findFirstOrThrow({ where: { requestId: id } });

    expect(find(await inboxFor(chair), "signoffs")?.entries.map((e) => [e.id, e.to])).toContainEqual([decision.id, "/signoffs"]);
    await send(member, id, { type: "SIGN" });
    expect(find(await inboxFor(member), "signoffs")?.entries.map((e) => e.id) ?? []).not.toContain(decision.id);
    expect(find(await inboxFor(chair), "signoffs")?.entries.map((e) => e.id)).toContain(decision.id);

    await send(chair, id, { type: "REFUSE_SIGNOFF", reason: "수량 재검토" });
    expect(find(await inboxFor(chair), "signoffs")?.entries.map((e) => e.id) ?? []).not.toContain(decision.id);
    // back on agenda without a meeting: no decision to record until it is scheduled again
    expect(await entryTo(secretariat, "decisionsToRecord", id)).toBeUndefined();
    // the secretariat is told to put it on a later meeting, with the reason
    const resubmit = find(await inboxFor(secretariat), "resubmitNeeded")?.entries.find((e) => e.id === id);
    expect(resubmit).toMatchObject({ to: `/requests/${id}`, note: { key: "deliberation.inbox.refused", params: { reason: "수량 재검토" } } });
    // re-scheduled on a later meeting (one action): gone from that group, waiting to be decided there
    const later = await nextMeeting(secretariat);
    await addToAgenda({ user: secretariat, meetingId: later.id, requestId: id });
    expect(find(await inboxFor(secretariat), "resubmitNeeded")?.entries.map((e) => e.id) ?? []).not.toContain(id);
  });
});

describe("admin and totals", () => {
  it("gives the admin nothing to do and sums the groups for the header", async () => {
    expect(await inboxFor(admin)).toEqual([]);
    const groups = await inboxFor(secretariat);
    expect(inboxTotal(groups)).toBe(groups.reduce((s, g) => s + g.count, 0));
    expect(inboxTotal(groups)).toBeGreaterThan(0);
    for (const g of groups) expect(g.entries.length).toBeLessThanOrEqual(5);
  });
});
