/**
 * The action inbox (할 일): what waits for this user's action, derived from the records on every read
 * (request states, plan signatures, meetings, decisions, conditions). There is no stored counter or
 * task table, so the inbox can never disagree with the records. Officers see only their ministry.
 *
 * - officer: requests returned for revision; joint plans whose current revision lacks the ministry's
 *   signature; open conditions of conditionally approved requests (overdue / due within 14 days);
 * - secretariat: submissions to screen (overdue per the screening clock); plans lacking MSIT's
 *   signature; meetings still planning with at least one agenda item (to lock); requests on a locked
 *   or held meeting's agenda without a decision (the machine's DECIDE guard reads the same meeting);
 *   evidence submitted for conditions; decisions whose sign-off was refused, waiting to be put on a
 *   later meeting (재상정 필요, with the refusal reason);
 * - approver: decisions awaiting the caller's sign-off;
 * - admin: nothing.
 */
import type { RequestContext } from "#workflows/demand-request.machine";
import type { MessageKey, MessageParams } from "~/i18n/messages";
import type { CurrentUser } from "~/modules/auth/session.server";
import { addDays, koreanDate } from "~/modules/calendar/business-days";
import { LOCKED_STATUSES } from "~/modules/meetings/event-rows.server";
import { pendingSignoffs } from "~/modules/meetings/signoffs.server";
import { overdueIfSubmittedBefore, screeningClock, screeningOverdueCount } from "~/modules/screening/screening.server";
export { overdueIfSubmittedBefore };
import { screeningDueBusinessDays } from "~/utils/config.server";
import { memoUntilWrite } from "~/utils/lean-read.server";
import { db } from "~/utils/db.server";
import { CONDITION_STATES } from "~/modules/conditions/conditions.server";
import { now as clockNow } from "~/utils/clock";

export type InboxKey =
  | "revision"
  | "planToSign"
  | "conditionsDue"
  | "toScreen"
  | "planToSignMsit"
  | "agendasToLock"
  | "decisionsToRecord"
  | "evidenceToReview"
  | "resubmitNeeded"
  | "signoffs";

export interface InboxEntry {
  id: string;
  /** Where the action happens. */
  to: string;
  /** Reference number or meeting label, shown before the title. */
  label: string | null;
  title: string | null;
  note?: { key: MessageKey; params?: MessageParams };
  flag?: "overdue" | "dueSoon";
}

export interface InboxGroup {
  key: InboxKey;
  /** The page that lists all of them. */
  to: string;
  count: number;
  overdue?: number;
  dueSoon?: number;
  /** The first few (oldest or most urgent first). */
  entries: InboxEntry[];
}

export const ENTRIES_SHOWN = 5;
export const DUE_SOON_DAYS = 14;

function group(key: InboxKey, to: string, entries: InboxEntry[]): InboxGroup {
  const overdue = entries.filter((e) => e.flag === "overdue").length;
  const dueSoon = entries.filter((e) => e.flag === "dueSoon").length;
  return {
    key,
    to,
    count: entries.length,
    ...(overdue ? { overdue } : {}),
    ...(dueSoon ? { dueSoon } : {}),
    entries: entries.slice(0, ENTRIES_SHOWN),
  };
}

const requestEntry = (r: { id: string; reference: string | null; title: string | null }, to = `/requests/${r.id}`): InboxEntry => ({
  id: r.id,
  to,
  label: r.reference,
  title: r.title,
});

/**
 * Requests in joint planning whose current plan revision (> 0) lacks `side`'s signature. Read from the
 * plans (only requests that reached joint planning have one), not by scanning every request.
 */
async function plansAwaiting(side: "MINISTRY" | "MSIT", scope: { organizationId?: string }) {
  const plans = await db.jointPlan.findMany({
    where: { revision: { gt: 0 } },
    select: {
      revision: true,
      signatures: { where: { side }, select: { revision: true } },
      request: { select: { id: true, reference: true, title: true, updatedAt: true, state: true, organizationId: true } },
    },
  });
  return plans
    .filter((p) => p.request.state === "jointPlanning" && (!scope.organizationId || p.request.organizationId === scope.organizationId))
    .filter((p) => !p.signatures.some((s) => s.revision === p.revision))
    .sort((a, b) => a.request.updatedAt.getTime() - b.request.updatedAt.getTime() || a.request.id.localeCompare(b.request.id))
    .map((p) => ({
      ...requestEntry(p.request, `/requests/${p.request.id}/plan`),
      note: { key: "plan.revision" as MessageKey, params: { revision: p.revision } },
    }));
}

async function officerInbox(user: CurrentUser, today: string): Promise<InboxGroup[]> {
  const organizationId = user.organization.id;
  const revisionWhere = { organizationId, state: "revision" };
  // counted in SQL and only the first few read (a ministry may have any number in revision)
  const [revisionCount, revision, plans, conditions] = await Promise.all([
    db.demandRequest.count({ where: revisionWhere }),
    db.demandRequest.findMany({
      where: revisionWhere,
      orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
      take: ENTRIES_SHOWN,
      select: { id: true, reference: true, title: true },
    }),
    plansAwaiting("MINISTRY", { organizationId }),
    db.condition.findMany({
      where: { status: "open", request: { organizationId, state: { in: CONDITION_STATES } } },
      orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
      select: { id: true, text: true, dueOn: true, request: { select: { id: true, reference: true } } },
    }),
  ]);
  const soon = addDays(today, DUE_SOON_DAYS);
  return [
    {
      ...group(
        "revision",
        "/requests?state=revision",
        revision.map((r) => requestEntry(r)),
      ),
      count: revisionCount,
    },
    group("planToSign", "/requests?state=jointPlanning", plans),
    group(
      "conditionsDue",
      "/requests?state=conditionallyApproved",
      conditions.map((c) => ({
        id: c.id,
        to: `/requests/${c.request.id}#conditions`,
        label: c.request.reference,
        title: c.text,
        note: { key: "inbox.dueOn" as MessageKey, params: { date: c.dueOn } },
        ...(c.dueOn < today ? { flag: "overdue" as const } : c.dueOn <= soon ? { flag: "dueSoon" as const } : {}),
      })),
    ),
  ];
}

async function screeningGroup(now: Date): Promise<InboxGroup> {
  // counted in the database (the header shows this on every page, whatever the queue's length);
  // `submittedAt` is when the request last entered screening (SUBMIT or RESUBMIT)
  const where = { state: "screening" };
  const [{ total: count, overdue }, oldest] = await Promise.all([
    screeningOverdueCount(now), // the maintained count minus the recent submissions (ADR 0019)
    db.demandRequest.findMany({
      where,
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      take: ENTRIES_SHOWN,
      select: { id: true, reference: true, title: true, submittedAt: true, updatedAt: true },
    }),
  ]);
  const entries = oldest.map((r) => {
    const clock = screeningClock(r.submittedAt ?? r.updatedAt, now);
    return {
      ...requestEntry(r),
      note: { key: "screening.waitingDays" as MessageKey, params: { days: clock.businessDaysWaiting } },
      ...(clock.overdue ? { flag: "overdue" as const } : {}),
    };
  });
  return { key: "toScreen", to: "/screening", count, ...(overdue ? { overdue } : {}), entries };
}

/** Requests on the agenda of a locked (or held) meeting that still await their DECIDE. */
async function decisionsToRecord(): Promise<InboxEntry[]> {
  // only requests with an item on a locked or held agenda can be waiting for a decision there
  const onAgenda = await db.demandRequest.findMany({
    where: { state: "onAgenda", agendaItems: { some: { meeting: { status: { in: LOCKED_STATUSES } } } } },
    select: { id: true, reference: true, title: true, snapshot: true },
  });
  const current = onAgenda
    .map((r) => ({ r, meetingId: (JSON.parse(r.snapshot) as { context: RequestContext }).context.meetingId }))
    .filter((x): x is { r: typeof x.r; meetingId: string } => !!x.meetingId);
  const meetings = await db.meeting.findMany({
    where: { id: { in: [...new Set(current.map((x) => x.meetingId))] }, status: { in: LOCKED_STATUSES } },
    select: { id: true, number: true, date: true },
  });
  const byId = new Map(meetings.map((m) => [m.id, m]));
  return current
    .filter((x) => byId.has(x.meetingId))
    .sort((a, b) => byId.get(a.meetingId)!.date.localeCompare(byId.get(b.meetingId)!.date))
    .map(({ r, meetingId }) => ({
      ...requestEntry(r, `/meetings/${meetingId}`),
      note: { key: "inbox.meeting" as MessageKey, params: { number: byId.get(meetingId)!.number } },
    }));
}

async function secretariatInbox(now: Date): Promise<InboxGroup[]> {
  const [screening, plans, agendas, decisions, evidence] = await Promise.all([
    screeningGroup(now),
    plansAwaiting("MSIT", {}),
    db.meeting.findMany({
      where: { status: "planning", items: { some: {} } },
      orderBy: { date: "asc" },
      select: { id: true, number: true, title: true, date: true },
    }),
    decisionsToRecord(),
    db.condition.findMany({
      where: { status: "evidenceSubmitted", request: { state: { in: CONDITION_STATES } } },
      orderBy: { evidenceSubmittedAt: "asc" },
      select: { id: true, text: true, request: { select: { id: true, reference: true } } },
    }),
  ]);
  return [
    screening,
    group("planToSignMsit", "/requests?state=jointPlanning", plans),
    group(
      "agendasToLock",
      "/meetings",
      agendas.map((m) => ({
        id: m.id,
        to: `/meetings/${m.id}`,
        label: null,
        title: m.title,
        note: { key: "inbox.meeting" as MessageKey, params: { number: m.number } },
      })),
    ),
    group("decisionsToRecord", "/meetings", decisions),
    group(
      "evidenceToReview",
      "/requests?state=conditionallyApproved",
      evidence.map((c) => ({
        id: c.id,
        to: `/requests/${c.request.id}#conditions`,
        label: c.request.reference,
        title: c.text,
      })),
    ),
    await resubmitNeeded(),
  ];
}

/**
 * Requests whose sign-off was refused and that are on no meeting yet (back `onAgenda` with no meeting in
 * the machine's context): the secretariat puts each on a later meeting. Shows the refusal reason.
 */
async function resubmitNeeded(): Promise<InboxGroup> {
  const rows = await db.demandRequest.findMany({
    where: { state: "onAgenda", decisions: { some: { status: "refused" } } },
    select: {
      id: true,
      reference: true,
      title: true,
      snapshot: true,
      decisions: {
        where: { status: "refused" },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { createdAt: true, signoffs: { where: { verdict: "REFUSED" }, select: { comment: true } } },
      },
    },
  });
  const waiting = rows
    .filter((r) => (JSON.parse(r.snapshot) as { context: RequestContext }).context.meetingId === null)
    .sort((a, b) => a.decisions[0].createdAt.getTime() - b.decisions[0].createdAt.getTime());
  return group(
    "resubmitNeeded",
    "/requests?state=onAgenda",
    waiting.map((r) => ({
      ...requestEntry(r),
      note: { key: "deliberation.inbox.refused" as MessageKey, params: { reason: r.decisions[0].signoffs[0]?.comment ?? "" } },
    })),
  );
}

async function approverInbox(user: CurrentUser): Promise<InboxGroup[]> {
  const pending = await pendingSignoffs({ user });
  return [
    group(
      "signoffs",
      "/signoffs",
      pending.map((d) => ({
        id: d.id,
        to: "/signoffs",
        label: d.request.reference,
        title: d.request.title,
        note: { key: "inbox.meeting" as MessageKey, params: { number: d.meeting.number } },
      })),
    ),
  ];
}

/** The non-empty inbox groups of this user, in a fixed order per role. */
export function inboxFor(user: CurrentUser, now = clockNow()): Promise<InboxGroup[]> {
  // derived only from the records and the day (the screening clock and due dates count days): kept
  // until the next commit to the database or the next day (ADR 0025), so the header's count costs
  // nothing on the pages between two changes
  const key = `inbox|${user.id}|${user.role}|${user.organization.id}`;
  return memoUntilWrite(key, `${koreanDate(now)}|${screeningDueBusinessDays()}`, () => computeInbox(user, now));
}

async function computeInbox(user: CurrentUser, now: Date): Promise<InboxGroup[]> {
  let groups: InboxGroup[];
  switch (user.role) {
    case "MINISTRY_OFFICER":
      groups = await officerInbox(user, koreanDate(now));
      break;
    case "SECRETARIAT":
      groups = await secretariatInbox(now);
      break;
    case "APPROVER":
      groups = await approverInbox(user);
      break;
    default:
      groups = [];
  }
  return groups.filter((g) => g.count > 0);
}

/** The number in the header: every item waiting for this user. */
export function inboxTotal(groups: InboxGroup[]): number {
  return groups.reduce((sum, g) => sum + g.count, 0);
}
