import { beforeAll, describe, expect, it } from "vitest";
import { rejection, seedUsers } from "~/test/fixtures";
import { demoIntake, userByEmail } from "~/modules/seed/drive.server";
import { createRequest, sendRequestEvent } from "~/modules/requests/requests.server";
import { db } from "~/utils/db.server";
import { bellFigure, BELL_MAX } from "./bell";
import { listNotifications, markRead, notifyForAuditEvent, unreadCount, unreadForBell } from "./notify.server";

beforeAll(seedUsers);

async function submitted() {
  const officer = await userByEmail("officer@mohw.go.kr");
  const r = await createRequest({ user: officer, fields: demoIntake({ contactName: "최보건", contactEmail: "officer@mohw.go.kr" }) });
  await sendRequestEvent({ user: officer, requestId: r.id, body: { type: "SUBMIT", expectedVersion: 1 } });
  return { officer, id: r.id };
}

describe("notification outbox", () => {
  it("a submission tells every active secretariat user, a return tells the ministry's officers, in the event's transaction", async () => {
    const { officer, id } = await submitted();
    const secretariat = await userByEmail("secretariat@msit.go.kr");
    const toSecretariat = await db.notification.findMany({ where: { requestId: id, kind: "submitted" } });
    expect(toSecretariat.map((n) => n.userId)).toContain(secretariat.id);
    expect(toSecretariat.every((n) => n.emailStatus === "pending")).toBe(true);
    expect(toSecretariat.some((n) => n.userId === officer.id)).toBe(false); // not told of one's own act
    // it names the reference that the submission itself gave (the facts come from the event's transaction)
    const { reference, title } = await db.demandRequest.findUniqueOrThrow({ where: { id } });
    expect(reference).toMatch(/^AX-\d{4}-\d{4,}$/);
    expect(JSON.parse(toSecretariat[0].params)).toEqual({ reference, title });

    await sendRequestEvent({ user: secretariat, requestId: id, body: { type: "RETURN", reasons: ["예산 근거 보완"], expectedVersion: 2 } });
    const returned = await db.notification.findMany({ where: { requestId: id, kind: "returned" } });
    expect(returned.map((n) => n.userId)).toEqual([officer.id]);
    const { items, unread } = await listNotifications({ user: officer, locale: "ko" });
    expect(unread).toBeGreaterThanOrEqual(1);
    expect(items[0]).toMatchObject({ kind: "returned", requestId: id, readAt: null });
    expect(items[0].title).toContain("반려");
  });

  it("a refused event writes nothing; the same cause written again is not duplicated", async () => {
    const { id } = await submitted();
    const secretariat = await userByEmail("secretariat@msit.go.kr");
    const before = await db.notification.count();
    await rejection(sendRequestEvent({ user: secretariat, requestId: id, body: { type: "ACCEPT", expectedVersion: 1 } })); // stale version
    expect(await db.notification.count()).toBe(before);
    const event = await db.auditEvent.findFirstOrThrow({ where: { requestId: id, type: "SUBMIT" } });
    await db.$transaction((tx) => notifyForAuditEvent(tx, event)); // a retry of the same cause
    expect(await db.notification.count()).toBe(before);
  });

  it("marks read its own only; another user's id is a 404 and changes nothing", async () => {
    const { id } = await submitted();
    const secretariat = await userByEmail("secretariat@msit.go.kr");
    const officer = await userByEmail("officer@mohw.go.kr");
    const mine = await db.notification.findFirstOrThrow({ where: { requestId: id, userId: secretariat.id } });
    expect(await rejection(markRead({ user: officer, ids: [mine.id] }))).toMatchObject({ status: 404 });
    expect((await db.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toBeNull();
    await markRead({ user: secretariat, ids: [mine.id] });
    expect((await db.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).not.toBeNull();
    await markRead({ user: secretariat });
    expect(await unreadCount(secretariat)).toBe(0);
  });
});

describe("who hears of what along a request's whole path", () => {
  it("accepted, plan edited/signed by the other side, scheduled, decided, sign-off requested (each approver), took effect, GPUs allocated and released; conditions due/overdue once", async () => {
    const { driveRequestToApproved } = await import("~/modules/seed/drive.server");
    const { allocateGpus, releaseAllocation } = await import("~/modules/pool/allocations.server");
    const { createTranche, setPoolTotal } = await import("~/modules/pool/tranches.server");
    const { sweepDueNotifications } = await import("./notify.server");
    const { koreanDayFromToday, koreanMonthFromNow } = await import("~/utils/clock");
    const officer = await userByEmail("officer@mohw.go.kr");
    const secretariat = await userByEmail("secretariat@msit.go.kr");
    const chair = await userByEmail("chair@msit.go.kr");
    const member = await userByEmail("approver@opm.go.kr");
    const { requestId } = await driveRequestToApproved({
      officerEmail: "officer@mohw.go.kr",
      agreedGpus: 16,
      approvedGpus: 16,
      outcome: "approveWithConditions",
      conditions: [{ text: "개인정보 영향평가 완료", dueOn: koreanDayFromToday(3) }],
    });
    const kinds = async (userId: string) =>
      (await db.notification.findMany({ where: { requestId, userId }, orderBy: { createdAt: "asc" } })).map((n) => n.kind);
    expect(await kinds(officer.id)).toEqual(expect.arrayContaining(["accepted", "planEdited", "planSigned", "scheduled", "decided", "decisionEffective"]));
    expect(await kinds(secretariat.id)).toEqual(expect.arrayContaining(["submitted", "planSigned", "decisionEffective"]));
    expect(await kinds(chair.id)).toContain("signoffRequested");
    expect(await kinds(member.id)).toContain("signoffRequested");

    const admin = await userByEmail("admin@ax.go.kr");
    await setPoolTotal({ user: admin, totalGpus: 52_000 });
    const tranche = await createTranche({
      user: admin,
      input: { label: "T-notify", arrivalMonth: koreanMonthFromNow(0), capacity: 64, gpuModel: "NVIDIA B200", resourceKind: "GPU" },
    });
    const plain = await driveRequestToApproved({ officerEmail: "officer@mohw.go.kr", agreedGpus: 8, approvedGpus: 8 });
    const allocation = await allocateGpus({ user: secretariat, input: { requestId: plain.requestId, trancheId: tranche.id, gpus: 8 } });
    const plainKinds = async () => (await db.notification.findMany({ where: { requestId: plain.requestId, userId: officer.id } })).map((n) => n.kind);
    expect(await plainKinds()).toContain("gpusAllocated");
    await releaseAllocation({ user: secretariat, allocationId: allocation.id });
    expect(await plainKinds()).toContain("gpusReleased");

    const first = await sweepDueNotifications();
    expect(first).toBeGreaterThanOrEqual(1);
    expect(await sweepDueNotifications()).toBe(0); // once per condition and kind, however often it runs
    expect((await kinds(officer.id)).filter((k) => k === "conditionDue")).toHaveLength(1);
    // ten days on: overdue (once) to the ministry, and the day's digest (once) to the secretariat
    const { atTime } = await import("~/utils/clock");
    const later = new Date(Date.now() + 10 * 86_400_000);
    await atTime(later, () => sweepDueNotifications());
    await atTime(later, () => sweepDueNotifications());
    expect((await kinds(officer.id)).filter((k) => k === "conditionOverdue")).toHaveLength(1);
    const digests = await db.notification.findMany({ where: { kind: "overdueDigest", userId: secretariat.id } });
    expect(digests).toHaveLength(1);
    expect(JSON.parse(digests[0].params).count).toBeGreaterThanOrEqual(1);
  });
});

describe("meeting changes", () => {
  it("a changed and then a cancelled meeting tell the ministry of each item on its agenda, the secretariat and approvers", async () => {
    const drive = await import("~/modules/seed/drive.server");
    const { addToAgenda } = await import("~/modules/meetings/meetings.server");
    const { cancelMeeting, updateMeeting } = await import("~/modules/meetings/meeting-corrections.server");
    const officer = await userByEmail("officer@mohw.go.kr");
    const secretariat = await userByEmail("secretariat@msit.go.kr");
    const chair = await userByEmail("chair@msit.go.kr");
    const requestId = await drive.fileAndSubmit(officer);
    await drive.send(secretariat, requestId, { type: "ACCEPT" });
    await drive.cosignPlan(requestId, officer, secretariat, 8);
    const meeting = await drive.nextMeeting(secretariat);
    await addToAgenda({ user: secretariat, meetingId: meeting.id, requestId });
    await updateMeeting({ user: secretariat, meetingId: meeting.id, changes: { place: "세종청사" } });
    await cancelMeeting({ user: secretariat, meetingId: meeting.id, reason: "일정 변경" });
    const of = async (userId: string) => (await db.notification.findMany({ where: { meetingId: meeting.id, userId } })).map((n) => n.kind).sort();
    expect(await of(officer.id)).toEqual(["meetingCancelled", "meetingChanged", "scheduled"]);
    expect(await of(chair.id)).toEqual(["meetingCancelled", "meetingChanged"]);
    expect(await of(secretariat.id)).toEqual([]); // the actor
  });

  it("pages newest first with a cursor: no row twice, none left out, ties in time broken by id; a crafted cursor is refused", async () => {
    const user = await userByEmail("approver@opm.go.kr");
    await db.notification.deleteMany({ where: { userId: user.id } });
    const at = new Date("2026-12-01T00:00:00Z");
    // 45 rows, every three at the same moment
    await db.notification.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({
        key: `paging-test:${i}`,
        userId: user.id,
        kind: "comment",
        createdAt: new Date(at.getTime() + Math.floor(i / 3) * 1000),
        emailStatus: "skipped",
      })),
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await listNotifications({ user, locale: "ko", cursor });
      sizes.push(page.items.length);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([20, 20, 5]);
    expect(new Set(seen).size).toBe(45);
    const all = await db.notification.findMany({ where: { userId: user.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(seen).toEqual(all.map((n) => n.id));
    expect((await rejection(listNotifications({ user, locale: "ko", cursor: "bm90LWEtY3Vyc29y" }))).status).toBe(422);
  });

  it("the bell counts up to 99 and then says 99+; the list and the API keep the exact count", async () => {
    const user = await userByEmail("approver@opm.go.kr");
    await db.notification.deleteMany({ where: { userId: user.id } });
    const add = (from: number, count: number) =>
      db.notification.createMany({
        data: Array.from({ length: count }, (_, i) => ({
          key: `bell-test:${from + i}`,
          userId: user.id,
          kind: "comment",
          createdAt: new Date(),
          emailStatus: "skipped",
        })),
      });
    await add(0, BELL_MAX);
    expect(await unreadForBell(user)).toBe(99);
    expect(bellFigure(await unreadForBell(user), String)).toBe("99");
    await add(BELL_MAX, 51);
    expect(await unreadForBell(user)).toBe(BELL_MAX + 1);
    expect(bellFigure(await unreadForBell(user), String)).toBe("99+");
    expect(await unreadCount(user)).toBe(150);
    expect((await listNotifications({ user, locale: "ko" })).unread).toBe(150);
    // the list's exact count is kept until the next commit: one read, then another notification, then all read
    const [first] = (await listNotifications({ user, locale: "ko" })).items;
    await markRead({ user, ids: [first.id] });
    expect((await listNotifications({ user, locale: "ko" })).unread).toBe(149);
    await add(200, 1);
    expect((await listNotifications({ user, locale: "ko" })).unread).toBe(150);
    await markRead({ user, ids: undefined });
    expect((await listNotifications({ user, locale: "ko" })).unread).toBe(0);
    expect(await unreadForBell(user)).toBe(0);
    expect(bellFigure(0, String)).toBe("0");
  });
});
