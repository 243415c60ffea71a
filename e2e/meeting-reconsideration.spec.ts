import { expect, test } from "./fixtures";
import { apiAs, decidedRequest, newMeeting, sendOk } from "./helpers";
import { CHAIR, MEMBER, MOHW, SECRETARIAT, expectAuditVerifies, meetingNumber, pageAs } from "./meeting-helpers";

// Path: a decision that took effect is changed only by a new agenda item (재심의): put up for
// reconsideration from the request page, decided at a later meeting, signed off; the earlier decision
// is superseded, and the notice says the new one replaces it.
test("reconsideration after it took effect: a new agenda item, a new decision in force, the earlier one superseded", async ({ browser }) => {
  const title = "해상 풍력 발전량 예측 AI";
  const { id, meetingId: firstMeeting } = await decidedRequest(
    { title, gpus: 60, problem: "해상 풍력 발전량 예측 오차가 커서 계통 운영 비용이 늘고 있어 정밀 예측이 필요합니다." },
    { outcome: "approve", approvedGpus: 60 },
  );
  const firstNumber = await meetingNumber(firstMeeting);
  const later = await newMeeting();
  const laterNumber = await meetingNumber(later);

  const page = await pageAs(browser, SECRETARIAT);
  await page.goto(`/requests/${id}`);
  await expect(page.getByTestId("request-state")).toHaveText("승인");
  const form = page.getByRole("form", { name: "재심의 상정" });
  await expect(form).toContainText("효력이 발생한 결정은 새 회의의 안건(재심의)으로만 바꿀 수 있습니다.");
  await form.getByLabel("회의").selectOption(later);
  await form.getByLabel("재심의 사유 (필수)").fill("실증 부지 축소로 필요 GPU가 줄어듦(부처 요청)");
  await form.getByRole("button", { name: "재심의 안건으로 올리기" }).click();
  await expect(page.getByRole("status")).toHaveText("재심의 안건으로 올렸습니다.");
  await expect(page.getByTestId("request-state")).toHaveText("안건 상정");
  await expect(page.getByTestId("request-meetings")).toContainText(`제${laterNumber}회-1`);
  await expect(page.getByTestId("request-meetings")).toContainText("재심의");

  // the later meeting: a reconsideration item, locked, decided
  await page.goto(`/meetings/${later}`);
  await expect(page.getByTestId("agenda-row")).toContainText("재심의");
  await page.getByText("안건 확정(잠금)…").click();
  await page.getByRole("button", { name: "확정합니다" }).click();
  const item = page.getByTestId("decision-item");
  await item.getByLabel("원안 승인").check();
  await item.getByLabel("승인 GPU").fill("36");
  await item.getByLabel("비고").fill("실증 부지 축소 반영");
  await item.getByRole("button", { name: "심의 결과 기록" }).click();
  await expect(page.getByRole("status")).toHaveText("심의 결과를 기록했습니다.");
  await sendOk(await apiAs(CHAIR), id, { type: "SIGN" });
  await sendOk(await apiAs(MEMBER), id, { type: "SIGN" });
  expect((await (await apiAs(SECRETARIAT)).post(`/api/v1/meetings/${later}/minutes`)).status()).toBe(200);

  const officer = await pageAs(browser, MOHW);
  await officer.goto(`/requests/${id}`);
  await expect(officer.getByTestId("request-state")).toHaveText("승인");
  const decisions = officer.getByTestId("decision");
  await expect(decisions).toHaveCount(2);
  await expect(decisions.nth(0)).toContainText(`제${firstNumber}회 심의 결과`);
  await expect(decisions.nth(0)).toContainText("재심의로 대체됨");
  await expect(decisions.nth(1)).toContainText(`제${laterNumber}회 심의 결과 (제${laterNumber}회-1)`);
  await expect(decisions.nth(1)).toContainText("36 / 합의 GPU 60");
  const history = officer.getByTestId("history");
  const reconsidered = history.locator(":scope > li").filter({ hasText: "재심의 안건으로 상정함" });
  await expect(reconsidered).toContainText("사유: 실증 부지 축소로 필요 GPU가 줄어듦(부처 요청)");

  // the officer's minutes of the later meeting, and the decision notice of the decision in force
  await officer.getByTestId("request-meetings").getByRole("link", { name: "회의록 보기" }).last().click();
  await expect(officer.getByTestId("minutes-item")).toContainText(`[제${laterNumber}회-1] ${title}`);
  await expect(officer.getByTestId("minutes-item")).toContainText("재심의");
  await expect(officer.getByTestId("minutes-item")).toContainText("36 (합의 GPU 60)");
  await officer.goto(`/requests/${id}/decision`);
  await expect(officer.getByTestId("notice-reconsideration")).toHaveText("재심의 결과입니다 (종전 결정을 대체).");
  await expect(officer.getByTestId("notice-decision")).toContainText(`제${laterNumber}회-1`);
  await expect(officer.getByTestId("notice-decision")).toContainText("36");
  await expectAuditVerifies();
});
