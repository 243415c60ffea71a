import type { AuditFields } from "~/modules/audit/audit.server";
/**
 * The notification outbox (issue 15, docs/decisions/0020). Notifications are derived from audit
 * events inside the transaction that appends them (`appendAuditEvent` calls `notifyForAuditEvent`),
 * so the event and its notifications commit or fail together: none is lost, and none is written for
 * a change that did not happen. Each row has a unique `key` (cause + recipient), so a retried write
 * can never produce a second one. The e-mail worker (./outbox-worker.server) delivers from here.
 */
import type { Tx } from "~/utils/db.server";
import { leanGet, memoUntilWrite } from "~/utils/lean-read.server";
import { newRowId, txAll, txRun } from "~/utils/lean-write.server";
import { db } from "~/utils/db.server";
import { koreanDayFromToday, now, todayInKorea } from "~/utils/clock";
import { AppError, notFound } from "~/utils/errors";
import type { CurrentUser } from "~/modules/auth/session.server";
import type { NotificationKind } from "./kinds";
import { notificationText } from "./text";
import { BELL_MAX } from "./bell";
import type { Locale } from "~/i18n/types";

export interface NewNotifications {
  /** the cause; each recipient's key is `<cause>:<userId>` */
  cause: string;
  kind: NotificationKind;
  userIds: Iterable<string>;
  requestId?: string | null;
  meetingId?: string | null;
  params?: Record<string, string | number>;
  /** the actor is not told about their own action */
  exceptUserId?: string | null;
  /**
   * The cause is an audit event appended in this transaction (its `seq` is new), so no row can have
   * its keys yet and none is looked up. A rolled-back event takes its notifications with it.
   */
  appended?: boolean;
}

/** Writes one notification per recipient (skipping keys that exist: never a duplicate). */
export async function addNotifications(tx: Tx, n: NewNotifications): Promise<number> {
  const userIds = [...new Set(n.userIds)].filter((id) => id !== n.exceptUserId);
  if (userIds.length === 0) return 0;
  const keys = userIds.map((id) => `${n.cause}:${id}`);
  const existing = n.appended
    ? new Set<string>()
    : new Set(
        (await txAll<{ key: string }>(tx, `SELECT "key" FROM "Notification" WHERE "key" IN (${keys.map(() => "?").join(", ")})`, keys)).map((r) => r.key),
      );
  const at = now();
  const rows = userIds
    .map((userId, i) => ({ key: keys[i], userId }))
    .filter((r) => !existing.has(r.key))
    .map((r) => ({
      ...r,
      kind: n.kind,
      requestId: n.requestId ?? null,
      meetingId: n.meetingId ?? null,
      params: JSON.stringify(n.params ?? {}),
      createdAt: at,
    }));
  if (rows.length === 0) return 0;
  // on the lean write path (ADR 0050), as Prisma's createMany wrote them (the defaults spelled out)
  await txRun(
    tx,
    `INSERT INTO "Notification" ("id", "key", "userId", "kind", "requestId", "meetingId", "params", "createdAt", "emailStatus", "emailAttempts") VALUES ${rows
      .map(() => "(?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0)")
      .join(", ")}`,
    rows.flatMap((r) => [newRowId(), r.key, r.userId, r.kind, r.requestId, r.meetingId, r.params, r.createdAt]),
  );
  return rows.length;
}

/** The active users of a role (in one ministry), for whom an event makes notifications. */
async function activeUserIds(tx: Tx, where: { role: string; organizationId?: string }): Promise<string[]> {
  const rows = where.organizationId
    ? await txAll<{ id: string }>(tx, 'SELECT "id" FROM "User" WHERE "role" = ? AND "organizationId" = ? AND "active" = ?', [
        where.role,
        where.organizationId,
        true,
      ])
    : await txAll<{ id: string }>(tx, 'SELECT "id" FROM "User" WHERE "role" = ? AND "active" = ?', [where.role, true]);
  return rows.map((u) => u.id);
}

const secretariat = (tx: Tx) => activeUserIds(tx, { role: "SECRETARIAT" });
const approvers = (tx: Tx) => activeUserIds(tx, { role: "APPROVER" });

/** What a notification about a request says and whom it tells (the ministry's officers). */
export interface RequestFacts {
  organizationId: string;
  reference: string | null;
  title: string | null;
  createdById: string;
}

async function requestFacts(tx: Tx, requestId: string, known?: RequestFacts) {
  const r =
    known ??
    (await tx.demandRequest.findUnique({ where: { id: requestId }, select: { organizationId: true, reference: true, title: true, createdById: true } }));
  if (!r) return null;
  const officers = await activeUserIds(tx, { role: "MINISTRY_OFFICER", organizationId: r.organizationId });
  return { ...r, officers, params: { reference: r.reference ?? "", title: r.title ?? "" } };
}

async function actorRole(tx: Tx, actorId: string | null): Promise<string | null> {
  if (!actorId) return null;
  return (await tx.user.findUnique({ where: { id: actorId }, select: { role: true } }))?.role ?? null;
}

/** An audit event as the outbox reads it (the chained fields without the time). */
export type AuditRow = Omit<AuditFields, "at">;

/** The audit event types that notify anyone (all others cost no query at all). */
const NOTIFYING = new Set([
  "MEETING_UPDATED",
  "MEETING_CANCELLED",
  "SUBMIT",
  "RESUBMIT",
  "RETURN",
  "ACCEPT",
  "PLAN_SAVED",
  "PLAN_SIGNED",
  "SCHEDULE",
  "RECONSIDER",
  "DECIDE",
  "AMEND_DECISION",
  "SIGN",
  "ALLOCATE",
  "RELEASE",
  "ALLOCATION_RELEASED",
  "COMMENT",
]);

/**
 * Request events → (kind, who). The actor is never notified of their own action. Options from
 * `appendAuditEvent`, which has just appended `e` in this transaction: `appended` (its cause is new: no
 * key is looked up) and `known` (the request's facts as the caller read them, not read again). Called
 * without them, for an event already stored, it writes only the notifications that do not exist yet.
 */
export async function notifyForAuditEvent(tx: Tx, e: AuditRow, { appended = false, known }: { appended?: boolean; known?: RequestFacts } = {}): Promise<void> {
  if (!NOTIFYING.has(e.type)) return;
  const cause = `audit:${e.seq}`;
  const base = { cause, exceptUserId: e.actorId, appended };
  const payload = JSON.parse(e.payload) as Record<string, unknown>;
  if (!e.requestId) {
    if (e.type === "MEETING_UPDATED" || e.type === "MEETING_CANCELLED") {
      const meetingId = String(payload.meetingId ?? "");
      const meeting = await tx.meeting.findUnique({ where: { id: meetingId }, select: { number: true, title: true } });
      if (!meeting) return;
      const requestIds =
        e.type === "MEETING_CANCELLED" && Array.isArray(payload.requestIds)
          ? (payload.requestIds as string[])
          : (await tx.agendaItem.findMany({ where: { meetingId, removedAt: null }, select: { requestId: true } })).map((i) => i.requestId);
      const kind = e.type === "MEETING_CANCELLED" ? "meetingCancelled" : "meetingChanged";
      // the secretariat and approvers see the meeting; each ministry hears about its own items
      await addNotifications(tx, {
        ...base,
        cause: `${cause}:m`,
        kind,
        meetingId,
        userIds: [...(await secretariat(tx)), ...(await approvers(tx))],
        params: { number: meeting.number, title: meeting.title },
      });
      for (const requestId of requestIds) {
        const r = await requestFacts(tx, requestId);
        if (r)
          await addNotifications(tx, {
            ...base,
            cause: `${cause}:${requestId}`,
            kind,
            requestId,
            meetingId,
            userIds: r.officers,
            params: { ...r.params, number: meeting.number, meetingTitle: meeting.title },
          });
      }
    }
    return;
  }
  const r = await requestFacts(tx, e.requestId, known);
  if (!r) return;
  const at = { ...base, requestId: e.requestId, params: r.params };
  const ministry = [r.createdById, ...r.officers];
  switch (e.type) {
    case "SUBMIT":
    case "RESUBMIT":
      return void (await addNotifications(tx, { ...at, kind: "submitted", userIds: await secretariat(tx) }));
    case "RETURN":
      return void (await addNotifications(tx, { ...at, kind: "returned", userIds: ministry }));
    case "ACCEPT":
      return void (await addNotifications(tx, { ...at, kind: "accepted", userIds: ministry }));
    case "PLAN_SAVED":
    case "PLAN_SIGNED": {
      const kind = e.type === "PLAN_SAVED" ? "planEdited" : "planSigned";
      const role = await actorRole(tx, e.actorId);
      return void (await addNotifications(tx, { ...at, kind, userIds: role === "MINISTRY_OFFICER" ? await secretariat(tx) : ministry }));
    }
    case "SCHEDULE":
    case "RECONSIDER": {
      const meetingId = typeof payload.meetingId === "string" ? payload.meetingId : null;
      const meeting = meetingId ? await tx.meeting.findUnique({ where: { id: meetingId }, select: { number: true } }) : null;
      return void (await addNotifications(tx, {
        ...at,
        kind: "scheduled",
        meetingId,
        userIds: ministry,
        params: { ...r.params, number: meeting?.number ?? "" },
      }));
    }
    case "DECIDE":
    case "AMEND_DECISION":
      await addNotifications(tx, { ...at, cause: `${cause}:d`, kind: "decided", userIds: ministry });
      return void (await addNotifications(tx, { ...at, kind: "signoffRequested", userIds: await approvers(tx) }));
    case "SIGN":
      if (e.toState === "awaitingSignoff") return;
      return void (await addNotifications(tx, { ...at, kind: "decisionEffective", userIds: [...ministry, ...(await secretariat(tx))] }));
    case "ALLOCATE":
      return void (await addNotifications(tx, { ...at, kind: "gpusAllocated", userIds: ministry, params: { ...r.params, gpus: Number(payload.gpus ?? 0) } }));
    case "RELEASE":
    case "ALLOCATION_RELEASED":
      return void (await addNotifications(tx, { ...at, kind: "gpusReleased", userIds: ministry, params: { ...r.params, gpus: Number(payload.gpus ?? 0) } }));
    case "COMMENT": {
      const role = await actorRole(tx, e.actorId);
      const others = role === "MINISTRY_OFFICER" ? [...(await secretariat(tx)), ...(await approvers(tx))] : [...ministry, ...(await secretariat(tx))];
      return void (await addNotifications(tx, { ...at, kind: "comment", userIds: others }));
    }
    default:
      return;
  }
}

/**
 * The periodic sweep: conditions due within 7 days and overdue (to the ministry), and once a day a
 * digest of overdue items to the secretariat. Keys carry the condition (and the day, for the
 * digest), so running it any number of times writes each notification once.
 */
export async function sweepDueNotifications(): Promise<number> {
  const today = todayInKorea();
  const soon = koreanDayFromToday(7);
  const conditions = await db.condition.findMany({
    where: { status: { in: ["open", "evidenceSubmitted"] }, dueOn: { lte: soon } },
    select: { id: true, requestId: true, dueOn: true, text: true, status: true },
  });
  let written = 0;
  let overdueCount = 0;
  for (const c of conditions) {
    const overdue = c.dueOn < today;
    if (overdue) overdueCount++;
    if (c.status !== "open") continue;
    written += await db.$transaction(async (tx) => {
      const r = await requestFacts(tx, c.requestId);
      if (!r) return 0;
      const kind = overdue ? "conditionOverdue" : "conditionDue";
      return addNotifications(tx, {
        cause: `condition:${c.id}:${kind}`,
        kind,
        requestId: c.requestId,
        userIds: [r.createdById, ...r.officers],
        params: { ...r.params, dueOn: c.dueOn, condition: c.text.slice(0, 80) },
      });
    });
  }
  if (overdueCount > 0) {
    written += await db.$transaction(async (tx) =>
      addNotifications(tx, { cause: `digest:${today}`, kind: "overdueDigest", userIds: await secretariat(tx), params: { count: overdueCount, day: today } }),
    );
  }
  return written;
}

export interface NotificationItem {
  id: string;
  kind: string;
  requestId: string | null;
  meetingId: string | null;
  title: string;
  createdAt: string;
  readAt: string | null;
}

type NotificationRow = {
  id: string;
  kind: string;
  requestId: string | null;
  meetingId: string | null;
  params: string;
  createdAt: Date;
  readAt: Date | null;
};

export function toItem(n: NotificationRow, locale: Locale): NotificationItem {
  return {
    id: n.id,
    kind: n.kind,
    requestId: n.requestId,
    meetingId: n.meetingId,
    title: notificationText(locale, n.kind, JSON.parse(n.params)),
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/**
 * The user's unread notifications (the lean read path, ADR 0025; index (userId, readAt)): exact, or
 * counted no further than `upTo`, so a read costs at most that many index entries however many are unread.
 */
export async function unreadCount(user: Pick<CurrentUser, "id">, upTo?: number): Promise<number> {
  const unread = `SELECT 1 FROM "Notification" WHERE "userId" = ? AND "readAt" IS NULL${upTo === undefined ? "" : ` LIMIT ${upTo}`}`;
  const row = await leanGet<{ n: number }>(`SELECT COUNT(*) AS "n" FROM (${unread}) AS "unread"`, [user.id]);
  return row!.n;
}

/**
 * The bell on every page: the unread count up to BELL_MAX + 1, which it shows as "99+" (bell.ts). Kept
 * until the next commit (a notification made or read is one): reading up to 100 index entries on every
 * page view was about 2 % of a list page's CPU for a reader with many unread.
 */
export function unreadForBell(user: Pick<CurrentUser, "id">): Promise<number> {
  return memoUntilWrite(`bell|${user.id}`, "", () => unreadCount(user, BELL_MAX + 1));
}

export const NOTIFICATIONS_PAGE = 20;

/** A page boundary: the last row's time and id (newest first, `id` breaks ties), opaque to callers. */
function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

/** The rows after `cursor`; a crafted cursor (not a time and an id) is refused, never queried. */
function afterCursor(cursor: string) {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || id.length > 40 || Number.isNaN(createdAt.getTime())) throw new AppError("VALIDATION_FAILED", 422, "error.validation");
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

/**
 * The user's own notifications, newest first, `limit` at a time (keyset paging: `nextCursor` is the
 * next page's `cursor`, null on the last page), and the unread count.
 */
export async function listNotifications({
  user,
  unread,
  limit = NOTIFICATIONS_PAGE,
  cursor,
  locale,
}: {
  user: Pick<CurrentUser, "id">;
  unread?: boolean;
  limit?: number;
  cursor?: string;
  locale: Locale;
}) {
  const rows = await db.notification.findMany({
    where: { userId: user.id, ...(unread ? { readAt: null } : {}), ...(cursor ? afterCursor(cursor) : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(page.at(-1)!) : null;
  // the exact count, kept until the next commit (a notification made or read is one): it reads every unread
  // row's index entry, tens of milliseconds for a reader who left a hundred thousand unread (ADR 0049)
  const unreadExact = await memoUntilWrite(`unread|${user.id}`, "", () => unreadCount(user));
  return { items: page.map((r) => toItem(r, locale)), unread: unreadExact, nextCursor };
}

/** Marks the user's notifications read (`ids`, or all). An id that is not theirs → 404 (nothing changes). */
export async function markRead({ user, ids }: { user: Pick<CurrentUser, "id">; ids?: string[] }) {
  return db.$transaction(async (tx) => {
    if (ids) {
      const own = await tx.notification.count({ where: { id: { in: ids }, userId: user.id } });
      if (own !== new Set(ids).size) throw notFound();
    }
    const { count } = await tx.notification.updateMany({
      where: { userId: user.id, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
      data: { readAt: now() },
    });
    return { marked: count, unread: await tx.notification.count({ where: { userId: user.id, readAt: null } }) };
  });
}

/** One of the user's own notifications, or 404. */
export async function findOwnNotification(user: Pick<CurrentUser, "id">, id: string) {
  const n = await db.notification.findFirst({ where: { id, userId: user.id } });
  if (!n) throw notFound();
  return n;
}
