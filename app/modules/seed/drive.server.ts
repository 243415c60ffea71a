/**
 * Takes demo and test requests through the real process, step by step, with the same services the
 * pages and the API use (never by writing state columns), so every row and audit event is genuine.
 * Used by the demo seed and by tests that need e.g. an approved request.
 */
import type { DecisionCondition, DecisionOutcome } from "#workflows/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { addToAgenda, createMeeting, lockAgenda } from "~/modules/meetings/meetings.server";
import { savePlan, signPlan } from "~/modules/plans/plans.server";
import type { PlanSections } from "~/modules/plans/plan.schema";
import { createRequest, sendRequestEvent } from "~/modules/requests/requests.server";
import type { DraftIntake, EventBody } from "~/modules/requests/request.schema";
import { notBeforeThisMonth } from "~/modules/requests/submit-rules";
import { koreanDayFromToday, koreanMonthFromNow, setClock } from "~/utils/clock";
import { db } from "~/utils/db.server";

export const SECRETARIAT_EMAIL = "secretariat@msit.go.kr";
export const CHAIR_EMAIL = "chair@msit.go.kr";
export const MEMBER_EMAIL = "approver@opm.go.kr";

export async function userByEmail(email: string): Promise<CurrentUser> {
  const u = await db.user.findUniqueOrThrow({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      isChair: true,
      organization: { select: { id: true, code: true, nameKo: true, nameEn: true, kind: true } },
    },
  });
  return { ...u, role: u.role as CurrentUser["role"] };
}

/** A complete intake; a start month that has passed moves to this month, so the seed works whenever it runs. */
export const demoIntake = (over: DraftIntake = {}): DraftIntake =>
  withCurrentStart({
    title: "AI 기반 업무 혁신 실증",
    domain: "HEALTH",
    sector: "INDUSTRY",
    problemStatement: "현장의 데이터와 인력이 부족하여 AI 도입이 늦어지고 있어 GPU 기반 실증이 필요합니다.",
    aiWork: "FINE_TUNING",
    gpusRequested: 128,
    desiredStartMonth: koreanMonthFromNow(3),
    durationMonths: 12,
    dataReadiness: "PARTIAL",
    npuCapable: false,
    expectedOutcomes: "업무 처리 시간 30% 단축, 정확도 90% 이상",
    budgetKrw: 2_000_000_000,
    ...over,
  });

function withCurrentStart(fields: DraftIntake): DraftIntake {
  return fields.desiredStartMonth ? { ...fields, desiredStartMonth: notBeforeThisMonth(fields.desiredStartMonth) } : fields;
}

async function versionOf(requestId: string): Promise<number> {
  return (await db.demandRequest.findUniqueOrThrow({ where: { id: requestId }, select: { version: true } })).version;
}

/** Sends one client event with the request's current version. */
export async function send(user: CurrentUser, requestId: string, body: Omit<EventBody, "expectedVersion"> & Record<string, unknown>) {
  return sendRequestEvent({ user, requestId, body: { ...body, expectedVersion: await versionOf(requestId) } as EventBody });
}

/** Files a complete request for the officer's ministry and submits it. */
export async function fileAndSubmit(officer: CurrentUser, fields: DraftIntake = {}): Promise<string> {
  const created = await createRequest({
    user: officer,
    fields: demoIntake({ contactName: officer.name, contactEmail: officer.email, ...fields }),
  });
  await send(officer, created.id, { type: "SUBMIT" });
  return created.id;
}

export function demoPlan(agreedGpus: number, over: Partial<PlanSections> = {}): PlanSections {
  return {
    techDevelopmentPlan: "도메인 특화 모델을 미세조정하고 현장 데이터로 검증합니다.",
    demonstrationPlan: "2개 기관에서 6개월간 실증하고 성과를 측정합니다.",
    milestones: [
      { title: "데이터 정제 완료", dueOn: koreanDayFromToday(180) },
      { title: "실증 착수", dueOn: koreanDayFromToday(210) },
    ],
    kpis: "처리 시간 30% 단축, 정확도 90% 이상",
    agreedGpus,
    ministryContact: "부처 담당자",
    msitContact: "과기정통부 인공지능기반정책과",
    ...over,
  };
}

/** Secretariat writes the plan; the ministry and MSIT both sign it. */
export async function cosignPlan(requestId: string, officer: CurrentUser, secretariat: CurrentUser, agreedGpus: number) {
  const plan = await db.jointPlan.findUnique({ where: { requestId }, select: { revision: true } });
  const { revision } = await savePlan({ user: secretariat, requestId, expectedRevision: plan?.revision ?? 0, sections: demoPlan(agreedGpus) });
  await signPlan({ user: officer, requestId, expectedRevision: revision });
  await signPlan({ user: secretariat, requestId, expectedRevision: revision });
}

/**
 * Runs `work` as if it were `day` (a Korean calendar day), the clock starting at 10:00 Korean time and
 * running at real speed, so the demo's meetings are created before their date and decided on it.
 */
export async function onDay<T>(day: string, work: () => Promise<T>): Promise<T> {
  const start = new Date(`${day}T10:00:00+09:00`).getTime();
  const began = Date.now();
  const restore = setClock(() => start + (Date.now() - began));
  try {
    return await work();
  } finally {
    restore();
  }
}

/** A new meeting numbered after the last one, dated today unless told (results need the date to have come). */
export async function nextMeeting(secretariat: CurrentUser, date = koreanDayFromToday(0)) {
  const last = await db.meeting.aggregate({ _max: { number: true } });
  return createMeeting({
    user: secretariat,
    input: { number: (last._max.number ?? 0) + 1, date, title: "과학기술관계장관회의", place: "정부서울청사" },
  });
}

export async function lockMeeting(secretariat: CurrentUser, meetingId: string) {
  const { version } = await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { version: true } });
  return lockAgenda({ user: secretariat, meetingId, expectedVersion: version });
}

export interface DriveOptions {
  officerEmail: string;
  fields?: DraftIntake;
  agreedGpus: number;
  approvedGpus: number;
  outcome?: DecisionOutcome;
  conditions?: DecisionCondition[];
}

/**
 * A request filed by `officerEmail` and taken through screening, a co-signed plan, its own meeting
 * (dated today, created and locked here), the decision and both sign-offs (chair and member): `approved` for
 * outcome "approve" (the default), `conditionallyApproved`, `rejected`, or back in `jointPlanning`
 * for "defer".
 */
export async function driveRequestToApproved(options: DriveOptions): Promise<{ requestId: string; meetingId: string }> {
  const officer = await userByEmail(options.officerEmail);
  const secretariat = await userByEmail(SECRETARIAT_EMAIL);
  const requestId = await fileAndSubmit(officer, { gpusRequested: Math.max(options.agreedGpus, 1), ...options.fields });
  await send(secretariat, requestId, { type: "ACCEPT" });
  await cosignPlan(requestId, officer, secretariat, options.agreedGpus);
  const meeting = await nextMeeting(secretariat);
  await addToAgenda({ user: secretariat, meetingId: meeting.id, requestId });
  await lockMeeting(secretariat, meeting.id);
  await send(secretariat, requestId, {
    type: "DECIDE",
    outcome: options.outcome ?? "approve",
    approvedGpus: options.approvedGpus,
    conditions: options.conditions ?? [],
  });
  await send(await userByEmail(CHAIR_EMAIL), requestId, { type: "SIGN" });
  await send(await userByEmail(MEMBER_EMAIL), requestId, { type: "SIGN" });
  return { requestId, meetingId: meeting.id };
}
