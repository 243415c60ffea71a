/**
 * The secretariat's screening queue (검토 대기열) and its bulk accept / return.
 *
 * The queue is derived from request state on every read: requests in `screening`, oldest first by
 * the moment they (last) entered screening — taken from the audit log, so a resubmission waits from
 * its resubmission — with business days waiting (weekends and Korean public holidays excluded) and
 * the automatic checklist. A bulk action sends one ACCEPT / RETURN per request through
 * `sendRequestEvent`, each its own transaction guarded by the version the caller saw, so one
 * conflict or refusal never undoes the others.
 */
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { addBusinessDays, addDays, businessDaysBetween, koreanDate } from "~/modules/calendar/business-days";
import { sendRequestEvent } from "~/modules/requests/requests.server";
import { stateCounts } from "~/modules/requests/state-counts.server";
import { screeningDueBusinessDays } from "~/utils/config.server";
import { db } from "~/utils/db.server";
import { AppError, forbidden } from "~/utils/errors";
import { screeningChecklist } from "./checklist";
import type { BulkScreening } from "./screening.schema";
import { appErrorMessage } from "~/utils/api.server";
import { now as clockNow } from "~/utils/clock";
import { can } from "~/modules/auth/permissions";
import { memoUntilWrite } from "~/utils/lean-read.server";

function requireSecretariat(user: CurrentUser) {
  if (!can(user, "request:screen")) throw forbidden();
}

/** When each request last entered `screening` (SUBMIT or RESUBMIT), from the audit log. */
export async function screeningEntries(requestIds: string[]): Promise<Map<string, Date>> {
  const entered = new Map<string, Date>();
  // in slices: SQLite caps the number of bound parameters of one statement
  for (let i = 0; i < requestIds.length; i += ID_SLICE) {
    const events = await db.auditEvent.findMany({
      where: { requestId: { in: requestIds.slice(i, i + ID_SLICE) }, type: { in: ["SUBMIT", "RESUBMIT"] }, toState: "screening" },
      orderBy: { seq: "asc" },
      select: { requestId: true, at: true },
    });
    for (const e of events) entered.set(e.requestId as string, e.at);
  }
  return entered;
}
const ID_SLICE = 500;

/** Waiting time of a submission: business days since it entered screening, due day and overdue mark. */
export function screeningClock(enteredAt: Date, now: Date, dueBusinessDays = screeningDueBusinessDays()) {
  const submittedOn = koreanDate(enteredAt);
  const today = koreanDate(now);
  // a pure function of three day-level values: many submissions share a day, so remember the answer
  const key = `${submittedOn}|${today}|${dueBusinessDays}`;
  const known = clockCache.get(key);
  if (known) return known;
  const dueOn = addBusinessDays(submittedOn, dueBusinessDays);
  const clock = { submittedOn, dueOn, businessDaysWaiting: businessDaysBetween(submittedOn, today), overdue: today > dueOn };
  if (clockCache.size > 10_000) clockCache.clear();
  clockCache.set(key, clock);
  return clock;
}
const clockCache = new Map<string, { submittedOn: string; dueOn: string; businessDaysWaiting: number; overdue: boolean }>();

/**
 * The instant before which a submission is overdue today: the start (in Korea) of the first day whose
 * due date is not yet past. Due dates only move forward with the submission day, so one walk back suffices.
 */
export function overdueIfSubmittedBefore(now: Date, dueBusinessDays = screeningDueBusinessDays()): Date {
  const today = koreanDate(now);
  let day = today;
  while (addBusinessDays(day, dueBusinessDays) >= today) day = addDays(day, -1);
  return new Date(`${addDays(day, 1)}T00:00:00+09:00`);
}

/**
 * Submissions in screening that are overdue today, counted from the other end: the whole queue (the
 * maintained count) minus the submissions still within their due days (a range bounded by recent
 * intake, not by the backlog) and those without a submission time. The same number as counting
 * `submittedAt < overdueIfSubmittedBefore(now)`, at a cost that does not grow with the backlog.
 */
export async function screeningOverdueCount(now: Date): Promise<{ total: number; overdue: number }> {
  const [counts, recent, undated] = await Promise.all([
    stateCounts({}),
    db.demandRequest.count({ where: { state: "screening", submittedAt: { gte: overdueIfSubmittedBefore(now) } } }),
    db.demandRequest.count({ where: { state: "screening", submittedAt: null } }),
  ]);
  const total = counts.screening ?? 0;
  return { total, overdue: Math.max(0, total - recent - undated) };
}

/** Rows of the screening queue shown per page. */
export const SCREENING_PAGE_SIZE = 50;
const KEPT_PAGES = 5;

/**
 * What waits for screening, oldest submission first, with its clock and checklist — one page of it
 * (`page` from 1, SCREENING_PAGE_SIZE rows), ordered and counted in SQL on the (state, submittedAt)
 * index; `total` and `overdue` count the whole queue.
 */
export async function listScreeningQueue({ user, now = clockNow(), page = 1 }: { user: CurrentUser; now?: Date; page?: number }) {
  requireSecretariat(user);
  // the same for every secretariat member, derived only from the records and the day (the clocks and
  // the overdue count count days): kept until the next commit or the next day (ADR 0029). Only the
  // first pages, which people open: a walk through thousands of pages must not crowd out other kept reads.
  const dueBusinessDays = screeningDueBusinessDays();
  if (page > KEPT_PAGES) return readScreeningQueue(now, page, dueBusinessDays);
  return memoUntilWrite(`screening-queue|${page}`, `${koreanDate(now)}|${dueBusinessDays}`, () => readScreeningQueue(now, page, dueBusinessDays));
}

async function readScreeningQueue(now: Date, page: number, dueBusinessDays: number) {
  const where = { state: "screening" };
  const [{ total, overdue }, rows] = await Promise.all([
    screeningOverdueCount(now),
    db.demandRequest.findMany({
      where,
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      skip: (Math.max(1, page) - 1) * SCREENING_PAGE_SIZE,
      take: SCREENING_PAGE_SIZE,
      include: {
        organization: { select: { code: true, nameKo: true, nameEn: true } },
        _count: { select: { attachments: { where: { conditionId: null } } } },
      },
    }),
  ]);
  const entered = await screeningEntries(rows.map((r) => r.id));
  const items = rows.map((row) => {
    const enteredAt = entered.get(row.id) ?? row.submittedAt ?? row.updatedAt;
    const { organization, _count, snapshot: _s, ...fields } = row;
    return {
      id: row.id,
      reference: row.reference,
      title: row.title,
      version: row.version,
      sector: row.sector,
      aiWork: row.aiWork,
      gpusRequested: row.gpusRequested,
      durationMonths: row.durationMonths,
      ministry: { code: organization.code, name: organization.nameKo, nameEn: organization.nameEn },
      enteredAt,
      ...screeningClock(enteredAt, now, dueBusinessDays),
      checklist: screeningChecklist({ fields, attachmentCount: _count.attachments }),
    };
  });
  const pages = Math.max(1, Math.ceil(total / SCREENING_PAGE_SIZE));
  return { dueBusinessDays, items, total, overdue, page: Math.max(1, page), pages };
}

export type BulkStatus = "done" | "conflict" | "refused";
export interface BulkResult {
  requestId: string;
  status: BulkStatus;
  state?: string;
  version?: number;
  message?: string;
  reference?: string | null;
  title?: string | null;
}

/**
 * Accepts or returns each listed request in its own transaction (sequentially: SQLite has one
 * writer anyway) and reports per request: done (new state and version), conflict (the version
 * moved; nothing written — current state and version reported) or refused (the machine's reason,
 * or "not found"). Messages are in `locale`.
 */
export async function bulkScreen({ user, locale, input }: { user: CurrentUser; locale: Locale; input: BulkScreening }) {
  requireSecretariat(user);
  const labels = new Map(
    (
      await db.demandRequest.findMany({
        where: { id: { in: input.items.map((i) => i.requestId) } },
        select: { id: true, reference: true, title: true },
      })
    ).map((r) => [r.id, { reference: r.reference, title: r.title }]),
  );
  const results: BulkResult[] = [];
  for (const { requestId, expectedVersion } of input.items) {
    const body =
      input.action === "ACCEPT"
        ? { type: "ACCEPT" as const, expectedVersion, ...(input.note ? { note: input.note } : {}) }
        : { type: "RETURN" as const, expectedVersion, reasons: input.reasons ?? [] };
    try {
      const { state, version } = await sendRequestEvent({ user, requestId, body });
      results.push({ requestId, status: "done", state, version, ...labels.get(requestId) });
    } catch (error) {
      results.push({ ...failure(requestId, error, locale), ...labels.get(requestId) });
    }
  }
  const count = (s: BulkStatus) => results.filter((r) => r.status === s).length;
  return { results, done: count("done"), conflicts: count("conflict"), refused: count("refused") };
}

function failure(requestId: string, error: unknown, locale: Locale): BulkResult {
  if (!(error instanceof AppError)) {
    console.error(error);
    return { requestId, status: "refused", message: translate(locale, "error.generic") };
  }
  if (error.code === "VERSION_CONFLICT") {
    const current = error.extra?.current as { state: string; version: number } | undefined;
    return { requestId, status: "conflict", state: current?.state, version: current?.version, message: translate(locale, "request.conflict") };
  }
  const message = appErrorMessage(error, locale);
  return { requestId, status: "refused", message };
}
