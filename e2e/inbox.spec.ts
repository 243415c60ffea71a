import { expect, test, type Page } from "./fixtures";
import { axeFor, signIn, shot } from "./helpers";

// The demo seed leaves work for every role (see app/modules/seed/demo-requests.server.ts).

/** The header's number is the sum of the home page's group counts (one derivation, no stored counter). */
async function expectHeaderMatchesGroups(page: Page) {
  const counts = (await page.getByTestId("inbox-count").allTextContents()).map((s) => Number(s.replace(/[^\d]/g, "")));
  const total = counts.reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(0);
  await expect(page.getByTestId("header-inbox")).toContainText(String(total));
}

test("secretariat: screening, plans to sign for MSIT and agendas to lock, each linking to where it is done", async ({ page }) => {
  await signIn(page, "secretariat@msit.go.kr");
  await expect(page.getByTestId("inbox-planToSignMsit")).toContainText("스마트팜 작물 생육 예측 AI");
  await expect(page.getByTestId("inbox-agendasToLock")).toContainText("제3회 회의");
  // the demo's refused sign-off (제2회): to be put on a later meeting, with the reason
  await expect(page.getByTestId("inbox-resubmitNeeded")).toContainText("군 의료 영상 판독 AI");
  await expect(page.getByTestId("inbox-resubmitNeeded")).toContainText("승인 GPU 산정 근거가 부족합니다");
  await expectHeaderMatchesGroups(page);
  await shot(page, { path: "test-results/inbox-secretariat-ko.png", fullPage: true });
  expect((await axeFor(page).analyze()).violations.map((v) => v.id)).toEqual([]);
  await page
    .getByTestId("inbox-planToSignMsit")
    .getByRole("link", { name: /스마트팜 작물 생육 예측 AI/ })
    .click();
  await expect(page).toHaveURL(/\/requests\/[^/]+\/plan$/);
  await page.goto("/");
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByTestId("inbox-agendasToLock")).toContainText("Agendas to lock");
  await shot(page, { path: "test-results/inbox-secretariat-en.png", fullPage: true });
});

test("officer: conditions due of the own ministry only; approver: the sign-off waiting for them", async ({ browser }) => {
  const mohw = await browser.newPage();
  await signIn(mohw, "officer@mohw.go.kr");
  await expect(mohw.getByTestId("inbox-conditionsDue")).toContainText("개인정보 영향평가 결과 제출");
  // the returned demo request is the defence ministry's (other specs may return requests of this ministry)
  await expect(mohw.getByTestId("inbox-revision").filter({ hasText: "국방 영상정보 분석 파운데이션 모델" })).toHaveCount(0);
  await expectHeaderMatchesGroups(mohw);
  await shot(mohw, { path: "test-results/inbox-officer-ko.png", fullPage: true });
  // (other specs' conditional approvals may carry the same condition; the seeded one falls due first)
  await mohw
    .getByTestId("inbox-conditionsDue")
    .getByRole("link", { name: /개인정보 영향평가 결과 제출/ })
    .first()
    .click();
  await expect(mohw).toHaveURL(/\/requests\/[^/]+#conditions$/);

  const mnd = await browser.newPage();
  await signIn(mnd, "officer@mnd.go.kr");
  await expect(mnd.getByTestId("inbox-revision")).toContainText("국방 영상정보 분석 파운데이션 모델");
  await expect(mnd.getByTestId("inbox-conditionsDue")).toHaveCount(0);

  const member = await browser.newPage();
  await signIn(member, "approver@opm.go.kr");
  await expect(member.getByTestId("inbox-signoffs")).toContainText("AI 기반 신약 후보물질 탐색");
  await member.getByTestId("inbox-signoffs").getByRole("link", { name: "결재할 심의 결과" }).click();
  await expect(member).toHaveURL(/\/signoffs$/);

  const admin = await browser.newPage();
  await signIn(admin, "admin@ax.go.kr");
  await expect(admin.getByTestId("inbox-empty")).toHaveText("시스템 관리자에게 요구되는 처리 업무는 없습니다.");
  await expect(admin.getByTestId("header-inbox")).toHaveAccessibleName("처리할 일 0건");
});
