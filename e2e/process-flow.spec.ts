import { baseURL } from "./app-server";
import { expect, request as playwrightRequest, test, type Browser, type Page } from "./fixtures";
import { PASSWORD, expectNoSeriousA11yIssues, newMeeting, signIn, shot } from "./helpers";
import { dayFromNow, monthFromNow } from "./dates";

// The whole deliberation across roles, through the pages (issue 5): screening → returned → resubmitted →
// accepted → plan co-signed → on a meeting's agenda → locked and printed → approved with conditions → chair
// signs (still waiting) → second approver signs → evidence uploaded → condition met → approved.
const TITLE = "지역 응급의료 이송 최적화 AI";
const INTAKE = {
  title: TITLE,
  domain: "HEALTH",
  sector: "INDUSTRY",
  problemStatement: "응급환자 이송 병원 선정이 늦어 골든타임을 놓치는 사례가 많아 AI 기반 최적화가 필요합니다.",
  aiWork: "INFERENCE_SERVICE",
  gpusRequested: 96,
  desiredStartMonth: monthFromNow(6),
  durationMonths: 12,
  dataReadiness: "READY",
  npuCapable: true,
  expectedOutcomes: "이송 병원 선정 시간 40% 단축",
  budgetKrw: 700_000_000,
  contactName: "최보건",
  contactEmail: "officer@mohw.go.kr",
};

async function userPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseURL(), locale: "ko-KR" });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function clickEvent(page: Page, name: string) {
  await page.getByRole("button", { name, exact: true }).click();
  await expect(page.getByRole("status")).toBeVisible();
}

test("a request goes from screening to approved across every role, and every step is in its history", async ({ browser }) => {
  test.setTimeout(120_000);
  // the officer files it through the API (the form has its own tests) and submits it
  const api = await playwrightRequest.newContext({ baseURL: baseURL() });
  expect((await api.post("/api/v1/session", { data: { email: "officer@mohw.go.kr", password: PASSWORD } })).status()).toBe(200);
  const created = await (await api.post("/api/v1/requests", { data: INTAKE })).json();
  expect((await api.post(`/api/v1/requests/${created.id}/events`, { data: { type: "SUBMIT", expectedVersion: 1 } })).status()).toBe(200);
  const url = `/requests/${created.id}`;

  const secretariat = await userPage(browser, "secretariat@msit.go.kr");
  const officer = await userPage(browser, "officer@mohw.go.kr");
  const chair = await userPage(browser, "chair@msit.go.kr");
  const member = await userPage(browser, "approver@opm.go.kr");

  // screening → returned with a reason
  await secretariat.goto(url);
  await secretariat.getByLabel("사유 (필수)").first().fill("이송 데이터 확보 계획을 보완하세요.");
  await clickEvent(secretariat, "보완 요청");
  await expect(secretariat.getByTestId("request-state")).toHaveText("보완 중");

  // the officer sees the reason and resubmits
  await officer.goto(url);
  await expect(officer.getByText("이송 데이터 확보 계획을 보완하세요.").first()).toBeVisible();
  await clickEvent(officer, "보완 후 재제출");
  await expect(officer.getByTestId("request-state")).toHaveText("사무국 검토 중");

  // accepted
  await secretariat.goto(url);
  await clickEvent(secretariat, "접수");
  await expect(secretariat.getByTestId("request-state")).toHaveText("공동계획 수립 중");

  // the plan: written and signed by MSIT, then signed by the ministry
  await secretariat.goto(`${url}/plan`);
  await secretariat.getByLabel("기술개발 계획").fill("이송 이력 데이터로 병원 추천 모델을 개발합니다.");
  await secretariat.getByLabel("실증 계획").fill("2개 광역시 119 구급대에서 6개월 실증합니다.");
  await secretariat.getByLabel("내용 1").fill("실증 착수");
  await secretariat.getByLabel("완료 예정일 1").fill(dayFromNow(210));
  await secretariat.getByLabel("성과지표(KPI)").fill("병원 선정 시간 40% 단축");
  await secretariat.getByLabel("합의 GPU 수").fill("80");
  await secretariat.getByRole("button", { name: "새 차수 안으로 저장" }).click();
  await expect(secretariat.getByTestId("plan-revision")).toContainText("제1차안");
  await secretariat.getByRole("button", { name: "과기정통부 대표로 서명" }).click();
  await expect(secretariat.getByTestId("plan-signatures")).toContainText("과기정통부: 김사무");

  await officer.goto(`${url}/plan`);
  await expectNoSeriousA11yIssues(officer);
  await officer.getByRole("button", { name: "부처 대표로 서명" }).click();
  await expect(officer.getByText("양측 서명 완료 — 안건 상정 가능")).toBeVisible();

  // on the agenda of a meeting held today (results are recorded from the meeting's date), locked, printed
  const meetingId = await newMeeting();
  await secretariat.goto("/meetings");
  await secretariat.locator(`a[href="/meetings/${meetingId}"]`).click();
  const choice = secretariat.getByLabel("올릴 요청");
  await choice.selectOption((await choice.locator("option", { hasText: TITLE }).getAttribute("value"))!);
  await secretariat.getByRole("button", { name: "안건에 올리기" }).click();
  await expect(secretariat.getByRole("status")).toHaveText("안건에 올렸습니다.");
  await expect(secretariat.getByRole("main")).toContainText(TITLE);
  const meetingUrl = secretariat.url();
  await secretariat.getByText(/안건 확정\(잠금\)/).click();
  await secretariat.getByRole("button", { name: "확정합니다" }).click();
  // the sentence of this action: the page still shows the previous one until the lock is answered
  await expect(secretariat.getByRole("status")).toHaveText("안건을 확정했습니다.");

  await secretariat.goto(`${meetingUrl}/print`);
  await secretariat.emulateMedia({ media: "print" });
  await expect(secretariat.getByRole("main")).toContainText(TITLE);
  await shot(secretariat, { path: test.info().outputPath("agenda-print-preview.png"), fullPage: true });
  await secretariat.emulateMedia({ media: "screen" });

  // the decision: approve with conditions
  await secretariat.goto(meetingUrl);
  const form = secretariat.getByRole("form", { name: new RegExp(TITLE) });
  await form.getByLabel("조건부 승인").check();
  await form.getByLabel("승인 GPU").fill("72");
  await form.getByLabel("조건 1", { exact: true }).fill("개인정보 영향평가 결과 제출");
  await form.getByLabel("이행 기한").first().fill(dayFromNow(180));
  await form.getByRole("button", { name: "심의 결과 기록" }).click();
  await expect(secretariat.getByRole("status")).toHaveText("심의 결과를 기록했습니다.");

  // sign-off: the chair signs — still waiting — then the second approver: conditionally approved
  await chair.goto("/signoffs");
  await expectNoSeriousA11yIssues(chair);
  const chairItem = chair.getByTestId("signoff-item").filter({ hasText: TITLE });
  await chairItem.getByRole("button", { name: "서명(승인)" }).click();
  await expect(chair.getByRole("status")).toHaveText("서명했습니다.");
  await chair.goto(url);
  await expect(chair.getByTestId("request-state")).toHaveText("결재 대기");

  await member.goto("/signoffs");
  await member.getByTestId("signoff-item").filter({ hasText: TITLE }).getByRole("button", { name: "서명(승인)" }).click();
  await expect(member.getByRole("status")).toHaveText("서명했습니다.");
  await member.goto(url);
  await expect(member.getByTestId("request-state")).toHaveText("조건부 승인");

  // the ministry uploads evidence for the condition
  await officer.goto(url);
  const condition = officer.getByTestId("conditions").locator("li").first();
  await condition
    .getByLabel("증빙 파일")
    .setInputFiles({ name: "영향평가_결과.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% evidence\n%%EOF\n") });
  await condition.getByRole("button", { name: "파일 올리기" }).click();
  await officer.waitForURL(/attached=|attachError=/);
  expect(officer.url()).toContain("attached=");
  await expect(officer.getByTestId("conditions")).toContainText("영향평가_결과.pdf");
  await officer.getByTestId("conditions").locator("li").first().getByLabel("이행 내용 설명").fill("영향평가를 마치고 결과를 첨부합니다.");
  await officer.getByRole("button", { name: "이행 보고" }).click();
  await expect(officer.getByTestId("condition-status").first()).toHaveText("이행 보고됨");

  // the secretariat marks it met: approved
  await secretariat.goto(url);
  await expectNoSeriousA11yIssues(secretariat);
  await secretariat.getByRole("button", { name: "이행 확인" }).click();
  await expect(secretariat.getByRole("status")).toContainText("승인으로 전환");
  await expect(secretariat.getByTestId("request-state")).toHaveText("승인");

  // every step is in the history
  const history = secretariat.getByTestId("history");
  for (const step of [
    "제출함",
    "보완 요청함",
    "보완 후 재제출함",
    "접수함",
    "공동계획 제1차안 저장",
    "공동계획 제1차안 서명(과기정통부)",
    "공동계획 제1차안 서명(부처)",
    "안건으로 상정함",
    "심의 결과를 기록함",
    "조건 이행 보고",
    "조건 이행 확인",
    "조건 이행을 확인함",
  ]) {
    await expect(history, step).toContainText(step);
  }
  await expect(history.locator("li").filter({ hasText: "결재(승인)함" })).toHaveCount(2);
  const verify = await (await api.get("/api/v1/audit/verify")).status();
  expect(verify).toBe(403); // officers may not run the verification; the secretariat may:
  const secretariatApi = await playwrightRequest.newContext({ baseURL: baseURL() });
  await secretariatApi.post("/api/v1/session", { data: { email: "secretariat@msit.go.kr", password: PASSWORD } });
  expect(await (await secretariatApi.get("/api/v1/audit/verify")).json()).toMatchObject({ ok: true });
});
