import type { CurrentUser } from "~/modules/auth/session.server";
import { createRequest, sendRequestEvent } from "~/modules/requests/requests.server";
import type { DraftIntake } from "~/modules/requests/request.schema";
import { db } from "~/utils/db.server";


async function userByEmail(email: string): Promise<CurrentUser> {
  const u = await db.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, role: true, isChair: true, organization: { select: { id: true, code: true, nameKo: true, nameEn: true, kind: true } } },
  });
  return { ...u, role: u.role as CurrentUser["role"] };
}

const base = (over: DraftIntake): DraftIntake => ({
  domain: "HEALTH",
  sector: "INDUSTRY",
  problemStatement: "현장의 데이터와 인력이 부족하여 AI 도입이 늦어지고 있어 GPU 기반 실증이 필요합니다.",
  aiWork: "FINE_TUNING",
  gpusRequested: 128,
  desiredStartMonth: "2027-03",
  durationMonths: 12,
  dataReadiness: "PARTIAL",
  npuCapable: false,
  expectedOutcomes: "업무 처리 시간 30% 단축, 정확도 90% 이상",
  budgetKrw: 2_000_000_000,
  ...over,
});

/**
 * Demo requests in several states, produced by sending real events through the workflow service
 * (never by writing state columns), so the demo audit chain verifies.
 */
export async function seedDemoRequests(): Promise<void> {
  const mohw = await userByEmail("officer@mohw.go.kr");
  const mnd = await userByEmail("officer@mnd.go.kr");
  const mafra = await userByEmail("officer@mafra.go.kr");
  const sec = await userByEmail("secretariat@msit.go.kr");

  const file = async (user: CurrentUser, fields: DraftIntake) =>
    createRequest({ user, fields: { contactName: user.name, contactEmail: user.email, ...fields } });
  const send = async (user: CurrentUser, id: string, version: number, body: Record<string, unknown>) =>
    sendRequestEvent({ user, requestId: id, body: { ...body, expectedVersion: version } as never });

  await file(mohw, base({ title: "응급실 환자 분류 AI 고도화 (작성 중)" }));

  const screening = await file(mohw, base({ title: "의료영상 판독 보조 AI 실증", sector: "NATIONAL_PROJECT", gpusRequested: 256, npuCapable: true }));
  await send(mohw, screening.id, 1, { type: "SUBMIT" });

  const revision = await file(mnd, base({ title: "국방 영상정보 분석 파운데이션 모델", domain: "DEFENSE", sector: "NATIONAL_PROJECT", aiWork: "FOUNDATION_TRAINING", gpusRequested: 1024, durationMonths: 18 }));
  await send(mnd, revision.id, 1, { type: "SUBMIT" });
  await send(sec, revision.id, 2, { type: "RETURN", reasons: ["데이터 확보 계획이 구체적이지 않습니다.", "GPU 산정 근거를 첨부하세요."] });

  const planning = await file(mafra, base({ title: "스마트팜 작물 생육 예측 AI", domain: "AGRIFOOD", sector: "ACADEMIA_RESEARCH", aiWork: "RESEARCH", gpusRequested: 64, dataReadiness: "READY", npuCapable: true }));
  await send(mafra, planning.id, 1, { type: "SUBMIT" });
  await send(sec, planning.id, 2, { type: "ACCEPT", note: "공동계획 수립 착수" });

  const withdrawn = await file(mafra, base({ title: "농산물 유통 수요 예측 (철회)", domain: "AGRIFOOD", gpusRequested: 32 }));
  await send(mafra, withdrawn.id, 1, { type: "WITHDRAW", reason: "부처 자체 예산으로 추진하기로 함" });
}
