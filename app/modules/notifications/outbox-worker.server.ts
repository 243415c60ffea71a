/**
 * The e-mail worker of the notification outbox (docs/decisions/0020), in the server process.
 * At most once per notification:
 * 1. claim: `pending` → `sending` in its own committed statement (attempts + 1) — only one worker wins;
 * 2. send;
 * 3. mark `sent` (or, when the failure certainly delivered nothing, back to `pending` with a backoff;
 *    `failed` after MAX_ATTEMPTS; `unknown` when it may have delivered).
 * A process killed between 2 and 3 leaves `sending`: at the next start such rows become `unknown`
 * and are never sent again (a possible lost mail is preferred to a duplicate; the notification
 * itself is on screen either way). A process killed before 1 leaves `pending`: sent after the restart.
 *
 * Several app instances on one PostgreSQL database (ADR 0024): each runs this worker, but only the
 * holder of the `outbox` lease (table WorkerLease) sends and sweeps — one sender at a time, so the
 * hourly sweep and the crash recovery happen once. The lease is renewed every pass and before every
 * mail; another instance takes it over when it expires (LEASE_MS after its holder stopped renewing),
 * or at once when the holder was a process of the same host that no longer runs (a restart), or
 * was released by a clean stop. Only the process that takes the lease over recovers `sending` rows.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { db } from "~/utils/db.server";
import { now } from "~/utils/clock";
import { defaultMailer, composeMail, isSafeToRetry, type Mailer } from "./mail.server";

export const MAX_ATTEMPTS = 6;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;

/** Wait before attempt `attempts + 1`: 30 s, 1, 2, 4, 8 min … capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

/** After a crash: sends that were claimed and never marked may have gone out; they are not retried. */
export async function recoverInterruptedSends(): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { emailStatus: "sending" },
    data: { emailStatus: "unknown", emailError: "interrupted (process stopped while sending)" },
  });
  return count;
}

export interface OutboxRound {
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
  unknown: number;
}

/** How long a lease holds without renewal. */
export const LEASE_MS = 30_000;
/** This process, as a lease holder. */
export const THIS_PROCESS = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

function isDeadLocalProcess(holder: string): boolean {
  const [host, pid] = holder.split(":");
  if (host !== hostname() || !/^\d+$/.test(pid ?? "") || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Takes or renews the lease `name` for `holder`: `held` when it is this holder's now, `tookOver`
 * when it was not a moment ago (then whatever the previous holder left half done is this one's).
 * Lease times are wall-clock (Date.now), not the app's clock.
 */
export async function holdLease(name: string, holder = THIS_PROCESS, ms = LEASE_MS): Promise<{ held: boolean; tookOver: boolean }> {
  return db.$transaction(async (tx) => {
    const at = Date.now();
    const row = await tx.workerLease.findUnique({ where: { name } });
    const mine = row?.holder === holder;
    if (row && !mine && row.expiresAt.getTime() > at && !isDeadLocalProcess(row.holder)) return { held: false, tookOver: false };
    const expiresAt = new Date(at + ms);
    await tx.workerLease.upsert({ where: { name }, create: { name, holder, expiresAt }, update: { holder, expiresAt } });
    return { held: true, tookOver: !mine };
  });
}

/** Gives the lease up (a clean stop): another instance may take it at once. */
export async function releaseLease(name: string, holder = THIS_PROCESS): Promise<void> {
  await db.workerLease.updateMany({ where: { name, holder }, data: { expiresAt: new Date(0) } });
}

/**
 * One pass over due mails (at most `limit`). `keepGoing` is asked before each mail (the lease
 * renewal of the worker): false ends the pass.
 */
export async function processOutboxOnce({
  mailer = defaultMailer(),
  limit = 50,
  keepGoing,
}: {
  mailer?: Mailer;
  limit?: number;
  keepGoing?: () => Promise<boolean>;
} = {}): Promise<OutboxRound> {
  const round: OutboxRound = { sent: 0, skipped: 0, retried: 0, failed: 0, unknown: 0 };
  const due = await db.notification.findMany({
    where: { emailStatus: "pending", OR: [{ emailNextAt: null }, { emailNextAt: { lte: now() } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  for (const { id } of due) {
    if (keepGoing && !(await keepGoing())) break;
    const claimed = await db.notification.updateMany({
      where: { id, emailStatus: "pending" },
      data: { emailStatus: "sending", emailAttempts: { increment: 1 } },
    });
    if (claimed.count !== 1) continue; // another worker has it
    const n = await db.notification.findUniqueOrThrow({ where: { id } });
    const user = await db.user.findUnique({ where: { id: n.userId }, select: { email: true, name: true, active: true } });
    const pref = await db.notificationPreference.findUnique({ where: { userId_kind: { userId: n.userId, kind: n.kind } } });
    if (!user || !user.active || !user.email || pref?.email === false) {
      await db.notification.update({ where: { id }, data: { emailStatus: "skipped" } });
      round.skipped++;
      continue;
    }
    try {
      await mailer.send(composeMail(n, user));
    } catch (error) {
      const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
      if (!isSafeToRetry(error)) {
        await db.notification.update({ where: { id }, data: { emailStatus: "unknown", emailError: message } });
        round.unknown++;
      } else if (n.emailAttempts >= MAX_ATTEMPTS) {
        await db.notification.update({ where: { id }, data: { emailStatus: "failed", emailError: message } });
        round.failed++;
      } else {
        await db.notification.update({
          where: { id },
          data: { emailStatus: "pending", emailError: message, emailNextAt: new Date(now().getTime() + backoffMs(n.emailAttempts)) },
        });
        round.retried++;
      }
      continue;
    }
    await db.notification.update({ where: { id }, data: { emailStatus: "sent", emailSentAt: now(), emailError: null } });
    round.sent++;
  }
  return round;
}

const state = globalThis as unknown as { __outbox?: { timer: NodeJS.Timeout | null; running: Promise<unknown> | null; stopped: boolean } };

/**
 * Starts the worker in this process: recovers interrupted sends, then every OUTBOX_INTERVAL_MS
 * (default 5 s) sends due mails and, hourly, sweeps conditions due/overdue (and the daily digest).
 */
export async function startOutboxWorker({
  mailer = defaultMailer(),
  intervalMs = Number(process.env.OUTBOX_INTERVAL_MS ?? 5000),
}: {
  mailer?: Mailer;
  intervalMs?: number;
} = {}): Promise<void> {
  if (state.__outbox && !state.__outbox.stopped) return;
  const { sweepDueNotifications } = await import("./notify.server");
  const stillHeld = async () => (await holdLease("outbox")).held;
  if (!process.env.SMTP_URL) console.log("[outbox] SMTP_URL not set: notification e-mails are written to the log");
  const s = (state.__outbox = { timer: null as NodeJS.Timeout | null, running: null as Promise<unknown> | null, stopped: false });
  let lastSweep = 0;
  const tick = async () => {
    if (s.stopped) return;
    s.running = (async () => {
      try {
        const lease = await holdLease("outbox");
        if (!lease.held) return; // another instance sends
        if (lease.tookOver) {
          const recovered = await recoverInterruptedSends();
          if (recovered > 0) console.warn(`[outbox] ${recovered} e-mail(s) interrupted by a stop are marked unknown and not resent`);
          lastSweep = 0;
        }
        if (Date.now() - lastSweep > 3600_000) {
          lastSweep = Date.now();
          await sweepDueNotifications();
        }
        await processOutboxOnce({ mailer, keepGoing: stillHeld });
      } catch (error) {
        console.error("[outbox]", error instanceof Error ? error.message : error);
      }
    })();
    await s.running;
    s.running = null;
    if (!s.stopped) s.timer = setTimeout(tick, intervalMs);
  };
  s.timer = setTimeout(tick, Math.min(intervalMs, 500));
}

/** Stops the worker; waits for a pass in progress to finish (its claimed mails are marked). */
export async function stopOutboxWorker(): Promise<void> {
  const s = state.__outbox;
  if (!s) return;
  s.stopped = true;
  if (s.timer) clearTimeout(s.timer);
  await s.running;
  await releaseLease("outbox").catch(() => {});
}
