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
 */
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
  const { count } = await db.notification.updateMany({ where: { emailStatus: "sending" }, data: { emailStatus: "unknown", emailError: "interrupted (process stopped while sending)" } });
  return count;
}

export interface OutboxRound {
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
  unknown: number;
}

/** One pass over due mails (at most `limit`). */
export async function processOutboxOnce({ mailer = defaultMailer(), limit = 50 }: { mailer?: Mailer; limit?: number } = {}): Promise<OutboxRound> {
  const round: OutboxRound = { sent: 0, skipped: 0, retried: 0, failed: 0, unknown: 0 };
  const due = await db.notification.findMany({
    where: { emailStatus: "pending", OR: [{ emailNextAt: null }, { emailNextAt: { lte: now() } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  for (const { id } of due) {
    const claimed = await db.notification.updateMany({ where: { id, emailStatus: "pending" }, data: { emailStatus: "sending", emailAttempts: { increment: 1 } } });
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
        await db.notification.update({ where: { id }, data: { emailStatus: "pending", emailError: message, emailNextAt: new Date(now().getTime() + backoffMs(n.emailAttempts)) } });
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
export async function startOutboxWorker({ mailer = defaultMailer(), intervalMs = Number(process.env.OUTBOX_INTERVAL_MS ?? 5000) }: { mailer?: Mailer; intervalMs?: number } = {}): Promise<void> {
  if (state.__outbox && !state.__outbox.stopped) return;
  const { sweepDueNotifications } = await import("./notify.server");
  const recovered = await recoverInterruptedSends();
  if (recovered > 0) console.warn(`[outbox] ${recovered} e-mail(s) interrupted by a stop are marked unknown and not resent`);
  if (!process.env.SMTP_URL) console.log("[outbox] SMTP_URL not set: notification e-mails are written to the log");
  const s = (state.__outbox = { timer: null as NodeJS.Timeout | null, running: null as Promise<unknown> | null, stopped: false });
  let lastSweep = 0;
  const tick = async () => {
    if (s.stopped) return;
    s.running = (async () => {
      try {
        if (Date.now() - lastSweep > 3600_000) {
          lastSweep = Date.now();
          await sweepDueNotifications();
        }
        await processOutboxOnce({ mailer });
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
}
