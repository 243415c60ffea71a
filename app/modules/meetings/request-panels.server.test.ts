/**
 * The request page's deliberation panels read their related rows in queries of their own (not Prisma
 * includes, which query even when there is nothing to attach them to): the same rows, attached to the
 * right parent, and empty panels for a request that never reached a meeting. (That no query runs for
 * the empty relations is `whenAny`'s contract; these tests check the rows, not the statements.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectKept, seedUsers } from "~/test/fixtures";
import { addComment, listComments } from "~/modules/comments/comments.server";
import { listConditions } from "~/modules/conditions/conditions.server";
import { getMeeting, meetingsOfRequest } from "~/modules/meetings/meetings.server";
import { requestDecisions } from "~/modules/meetings/signoffs.server";
import { CHAIR_EMAIL, MEMBER_EMAIL, SECRETARIAT_EMAIL, driveRequestToApproved, fileAndSubmit, userByEmail } from "~/modules/seed/drive.server";
import { koreanDayFromToday } from "~/utils/clock";

const MOHW = "officer@mohw.go.kr";
let officer: Awaited<ReturnType<typeof userByEmail>>;

beforeAll(async () => {
  await seedUsers();
  officer = await userByEmail(MOHW);
});

describe("the request page's deliberation panels", () => {
  it("a decided request: its meeting, the decision's conditions and sign-offs with names, its conditions", async () => {
    const dueOn = koreanDayFromToday(45);
    const { requestId, meetingId } = await driveRequestToApproved({
      officerEmail: MOHW,
      agreedGpus: 40,
      approvedGpus: 32,
      outcome: "approveWithConditions",
      conditions: [
        { text: "보안 점검 결과 제출", dueOn },
        { text: "중간 성과 보고", dueOn: koreanDayFromToday(90) },
      ],
    });
    // a second decided request at another meeting: its rows must not join this one's
    await driveRequestToApproved({ officerEmail: MOHW, agreedGpus: 10, approvedGpus: 10 });
    const [chair, member, secretariat] = await Promise.all([CHAIR_EMAIL, MEMBER_EMAIL, SECRETARIAT_EMAIL].map(userByEmail));
    const meeting = await getMeeting({ user: secretariat, meetingId });

    const { decisions } = await requestDecisions({ user: officer, requestId });
    expect(decisions).toHaveLength(1);
    const [decision] = decisions;
    expect(decision).toMatchObject({ status: "effective", approvedGpus: 32, agendaNumber: 1, meeting: { id: meetingId, number: meeting.number } });
    expect(decision.proposedConditions).toEqual([
      { text: "보안 점검 결과 제출", dueOn },
      { text: "중간 성과 보고", dueOn: koreanDayFromToday(90) },
    ]);
    expect(decision.signoffs.map((s) => [s.approverId, s.approverName])).toEqual([
      [chair.id, chair.name],
      [member.id, member.name],
    ]);

    const meetings = await meetingsOfRequest({ user: officer, requestId });
    expect(meetings.items).toHaveLength(1);
    expect(meetings.items[0]).toMatchObject({ number: 1, decided: true, removedAt: null, meeting: { id: meetingId, status: "held" } });

    const conditions = await listConditions({ user: officer, requestId });
    expect(conditions.map((c) => [c.text, c.attachments])).toEqual([
      ["보안 점검 결과 제출", []],
      ["중간 성과 보고", []],
    ]);
  });

  it("a request that never reached a meeting: empty panels", async () => {
    const requestId = await fileAndSubmit(officer);
    expect((await requestDecisions({ user: officer, requestId })).decisions).toEqual([]);
    expect((await meetingsOfRequest({ user: officer, requestId })).items).toEqual([]);
    expect(await listConditions({ user: officer, requestId })).toEqual([]);
  });

  it("panels are kept until the next commit (ADR 0029): one thread for every reader, the scope checked first", async () => {
    const requestId = await fileAndSubmit(officer);
    const [secretariat, outsider] = await Promise.all([SECRETARIAT_EMAIL, "officer@mnd.go.kr"].map(userByEmail));
    expect(await listComments({ user: officer, requestId })).toEqual([]);
    expectKept(await listComments({ user: secretariat, requestId }), await listComments({ user: officer, requestId })); // nothing committed between
    await addComment({ user: secretariat, requestId, body: "예산 근거를 보완해 주세요." });
    await addComment({ user: officer, requestId, body: "보완했습니다." });
    expect((await listComments({ user: officer, requestId })).map((c) => [c.body, c.author.name])).toEqual([
      ["예산 근거를 보완해 주세요.", secretariat.name],
      ["보완했습니다.", officer.name],
    ]);
    await expect(listComments({ user: outsider, requestId })).rejects.toMatchObject({ status: 404 });
  });
});
