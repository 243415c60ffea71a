import { beforeAll, describe, expect, it } from "vitest";
import { rejection, seedUsers } from "~/test/fixtures";
import { demoIntake, userByEmail } from "~/modules/seed/drive.server";
import { createRequest, sendRequestEvent } from "~/modules/requests/requests.server";
import { db } from "~/utils/db.server";
import { listNotifications, markRead, notifyForAuditEvent, unreadCount } from "./notify.server";

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
