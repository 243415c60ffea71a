import { addDays } from "~/modules/calendar/business-days";
import { koreanDayFromToday, koreanMonthFromNow } from "~/utils/clock";
import { removeFromAgenda } from "~/modules/meetings/meeting-corrections.server";
import { addToAgenda, createMeeting, getMeeting, publishMinutes } from "~/modules/meetings/meetings.server";
import { savePlan, signPlan } from "~/modules/plans/plans.server";
import { createRequest } from "~/modules/requests/requests.server";
import type { DraftIntake } from "~/modules/requests/request.schema";
import type { CurrentUser } from "~/modules/auth/session.server";
import type { DecisionCondition, DecisionOutcome } from "#workflows/types";
import {
  CHAIR_EMAIL,
  MEMBER_EMAIL,
  SECRETARIAT_EMAIL,
  cosignPlan,
  demoIntake,
  demoPlan,
  fileAndSubmit,
  lockMeeting,
  onDay,
  send,
  userByEmail,
} from "./drive.server";

type Decided = {
  officer: CurrentUser;
  fields: DraftIntake;
  agreed: number;
  approved: number;
  outcome: DecisionOutcome;
  conditions?: DecisionCondition[];
  /** the chair refuses the sign-off: the item waits to be put on a later meeting (재상정) */
  refused?: string;
};

/**
 * Demo requests in every state up to the decision, and the three demo meetings (제1회 with
 * published minutes, 제2회 held with a decision awaiting sign-off and one whose sign-off was
 * refused, 제3회 being planned with one item on it and one taken off), all made by sending real
 * events through the services (never by writing state columns), so the demo audit chain verifies.
 * Meetings in the past are walked through time with the app clock (`onDay`): created and locked
 * before their date, decided on it. Allocation states are added by the pool seed.
 */
export async function seedDemoRequests(): Promise<void> {
  const mohw = await userByEmail("officer@mohw.go.kr");
  const mnd = await userByEmail("officer@mnd.go.kr");
  const mafra = await userByEmail("officer@mafra.go.kr");
  const sec = await userByEmail(SECRETARIAT_EMAIL);
  const chair = await userByEmail(CHAIR_EMAIL);
  const member = await userByEmail(MEMBER_EMAIL);

  // --- before the meeting ---------------------------------------------------------------------
  await createRequest({ user: mohw, fields: demoIntake({ title: "응급실 환자 분류 AI 고도화 (작성 중)", contactName: mohw.name, contactEmail: mohw.email }) });
  await fileAndSubmit(mohw, { title: "의료영상 판독 보조 AI 실증", sector: "NATIONAL_PROJECT", gpusRequested: 256, npuCapable: true });

  const revision = await fileAndSubmit(mnd, {
    title: "국방 영상정보 분석 파운데이션 모델",
    domain: "DEFENSE",
    sector: "NATIONAL_PROJECT",
    aiWork: "FOUNDATION_TRAINING",
    gpusRequested: 1024,
    durationMonths: 18,
  });
  await send(sec, revision, { type: "RETURN", reasons: ["데이터 확보 계획이 구체적이지 않습니다.", "GPU 산정 근거를 첨부하세요."] });

  const planning = await fileAndSubmit(mafra, {
    title: "스마트팜 작물 생육 예측 AI",
    domain: "AGRIFOOD",
    sector: "ACADEMIA_RESEARCH",
    aiWork: "RESEARCH",
    gpusRequested: 64,
    dataReadiness: "READY",
    npuCapable: true,
  });
  await send(sec, planning, { type: "ACCEPT", note: "공동계획 수립 착수" });
  const { revision: planRevision } = await savePlan({ user: sec, requestId: planning, expectedRevision: 0, sections: demoPlan(48) });
  await signPlan({ user: mafra, requestId: planning, expectedRevision: planRevision });

  const withdrawn = await createRequest({ user: mafra, fields: demoIntake({ title: "농산물 유통 수요 예측 (철회)", domain: "AGRIFOOD", gpusRequested: 32 }) });
  await send(mafra, withdrawn.id, { type: "WITHDRAW", reason: "부처 자체 예산으로 추진하기로 함" });

  // --- 제1회: decided, signed off, minutes published --------------------------------------------
  const firstDate = koreanDayFromToday(-84);
  const first = await onDay(addDays(firstDate, -21), () =>
    createMeeting({
      user: sec,
      input: {
        number: 1,
        date: firstDate,
        startTime: "10:00",
        title: "과학기술관계장관회의",
        place: "정부서울청사 별관",
        attendees: ["과학기술정보통신부 장관(위원장)", "국무조정실장", "보건복지부 차관", "국방부 차관", "농림축산식품부 차관"],
      },
    }),
  );
  const firstItems: Decided[] = [
    {
      officer: mohw,
      fields: {
        title: "감염병 확산 예측 국가 AI 모델",
        sector: "NATIONAL_PROJECT",
        aiWork: "FOUNDATION_TRAINING",
        gpusRequested: 2000,
        desiredStartMonth: koreanMonthFromNow(0),
        durationMonths: 24,
        dataReadiness: "READY",
      },
      agreed: 1800,
      approved: 1600,
      outcome: "approve",
    },
    {
      officer: mnd,
      fields: {
        title: "국방 물자 수요예측 AI",
        domain: "DEFENSE",
        sector: "INDUSTRY",
        gpusRequested: 512,
        desiredStartMonth: koreanMonthFromNow(1),
        npuCapable: true,
      },
      agreed: 400,
      approved: 400,
      outcome: "approve",
    },
    {
      officer: mafra,
      fields: {
        title: "농업 기상재해 조기경보 AI",
        domain: "AGRIFOOD",
        sector: "ACADEMIA_RESEARCH",
        aiWork: "RESEARCH",
        gpusRequested: 256,
        desiredStartMonth: koreanMonthFromNow(2),
        npuCapable: true,
      },
      agreed: 200,
      approved: 160,
      outcome: "approve",
    },
    {
      officer: mohw,
      fields: { title: "의료 데이터 합성 플랫폼", sector: "INDUSTRY", gpusRequested: 300, desiredStartMonth: koreanMonthFromNow(4) },
      agreed: 240,
      approved: 200,
      outcome: "approveWithConditions",
      conditions: [
        { text: "개인정보 영향평가 결과 제출", dueOn: koreanDayFromToday(29) },
        { text: "데이터 반출 통제 방안 수립", dueOn: koreanDayFromToday(88) },
      ],
    },
    {
      officer: mnd,
      fields: { title: "전장 상황 인식 생성형 AI", domain: "DEFENSE", sector: "NATIONAL_PROJECT", gpusRequested: 3000 },
      agreed: 2500,
      approved: 0,
      outcome: "reject",
    },
    {
      officer: mnd,
      fields: {
        title: "국방 시설 에너지 절감 AI (종료)",
        domain: "DEFENSE",
        sector: "INDUSTRY",
        aiWork: "INFERENCE_SERVICE",
        gpusRequested: 120,
        desiredStartMonth: koreanMonthFromNow(0),
        durationMonths: 6,
      },
      agreed: 100,
      approved: 100,
      outcome: "approve",
    },
  ];
  await decideAtMeeting(first.id, firstDate, firstItems, sec, chair, member, true);
  await onDay(addDays(firstDate, 7), async () => {
    const m1 = await getMeeting({ user: sec, meetingId: first.id });
    await publishMinutes({ user: sec, meetingId: first.id, expectedVersion: m1.version });
  });

  // --- 제2회: held, one decision waiting for the second signature, one sign-off refused -----------
  const secondDate = koreanDayFromToday(-13);
  const second = await onDay(addDays(secondDate, -21), () =>
    createMeeting({
      user: sec,
      input: {
        number: 2,
        date: secondDate,
        startTime: "14:00",
        title: "과학기술관계장관회의",
        place: "정부세종청사",
        attendees: ["과학기술정보통신부 장관(위원장)", "국무조정실장", "보건복지부 차관", "국방부 차관"],
      },
    }),
  );
  await decideAtMeeting(
    second.id,
    secondDate,
    [
      {
        officer: mohw,
        fields: {
          title: "AI 기반 신약 후보물질 탐색",
          sector: "ACADEMIA_RESEARCH",
          aiWork: "RESEARCH",
          gpusRequested: 600,
          desiredStartMonth: koreanMonthFromNow(3),
        },
        agreed: 500,
        approved: 450,
        outcome: "approve",
      },
      {
        officer: mnd,
        fields: { title: "군 의료 영상 판독 AI", domain: "DEFENSE", sector: "INDUSTRY", gpusRequested: 200, desiredStartMonth: koreanMonthFromNow(4) },
        agreed: 160,
        approved: 160,
        outcome: "approve",
        refused: "승인 GPU 산정 근거가 부족합니다. 공동계획의 산정 내역을 보완해 다음 회의에 다시 올려 주십시오.",
      },
    ],
    sec,
    chair,
    member,
    false,
  );

  // --- 제3회: being planned, one item on the agenda, one taken off ------------------------------------
  const thirdDate = koreanDayFromToday(15);
  const third = await onDay(koreanDayFromToday(-6), () =>
    createMeeting({
      user: sec,
      input: {
        number: 3,
        date: thirdDate,
        startTime: "10:00",
        title: "과학기술관계장관회의",
        place: "정부서울청사",
        attendees: ["과학기술정보통신부 장관(위원장)", "국무조정실장", "국방부 차관", "농림축산식품부 차관"],
      },
    }),
  );
  const onAgenda = await fileAndSubmit(mnd, { title: "국방 사이버 위협 탐지 AI", domain: "DEFENSE", sector: "INDUSTRY", gpusRequested: 128, npuCapable: true });
  await send(sec, onAgenda, { type: "ACCEPT" });
  await cosignPlan(onAgenda, mnd, sec, 100);
  await addToAgenda({ user: sec, meetingId: third.id, requestId: onAgenda });
  const takenOff = await fileAndSubmit(mafra, { title: "축산 방역 영상 감시 AI", domain: "AGRIFOOD", sector: "INDUSTRY", gpusRequested: 96 });
  await send(sec, takenOff, { type: "ACCEPT" });
  await cosignPlan(takenOff, mafra, sec, 80);
  await addToAgenda({ user: sec, meetingId: third.id, requestId: takenOff });
  await removeFromAgenda({ user: sec, meetingId: third.id, requestId: takenOff, reason: "방역 데이터 제공 협약이 끝난 뒤 제4회에 상정하기로 함" });
}

/**
 * Before `date`: files each request, puts it on the meeting's agenda and locks it. On `date`: records
 * the decisions and collects the sign-offs (the chair refuses the ones marked `refused`).
 */
async function decideAtMeeting(meetingId: string, date: string, items: Decided[], sec: CurrentUser, chair: CurrentUser, member: CurrentUser, signAll: boolean) {
  const ids = await onDay(addDays(date, -14), async () => {
    const filed: string[] = [];
    for (const item of items) {
      const id = await fileAndSubmit(item.officer, item.fields);
      await send(sec, id, { type: "ACCEPT" });
      await cosignPlan(id, item.officer, sec, item.agreed);
      await addToAgenda({ user: sec, meetingId, requestId: id });
      filed.push(id);
    }
    await lockMeeting(sec, meetingId);
    return filed;
  });
  await onDay(date, async () => {
    for (const [i, item] of items.entries()) {
      await send(sec, ids[i], {
        type: "DECIDE",
        outcome: item.outcome,
        approvedGpus: item.approved,
        conditions: item.conditions ?? [],
        note: "사무국 검토 의견 반영",
      });
      if (item.refused) {
        await send(chair, ids[i], { type: "REFUSE_SIGNOFF", reason: item.refused });
        continue;
      }
      await send(chair, ids[i], { type: "SIGN", comment: "원안대로" });
      if (signAll) await send(member, ids[i], { type: "SIGN" });
    }
  });
  return ids;
}
