import { expect, test } from "./fixtures";
import { coSignedRequest, newMeeting } from "./helpers";
import { MOHW, SECRETARIAT, expectAuditVerifies, meetingNumber, openCorrection, pageAs, scheduleAndLock } from "./meeting-helpers";

// Path: a locked agenda is unlocked (with a reason) to take a late item, then locked again.
test("agenda unlocked and re-locked: only while nothing is decided, with the reason in the meeting's history", async ({ browser }) => {
  const problem = "해양 사고 신고 분류가 늦어 구조 출동이 지연되는 사례가 늘고 있어 자동화가 필요합니다.";
  const early = await coSignedRequest({ title: "해양 사고 신고 분류 AI", gpus: 32, problem });
  const late = await coSignedRequest({ title: "선박 항로 이상 탐지 AI", gpus: 16, problem });
  const meetingId = await newMeeting();
  await scheduleAndLock(meetingId, [early]);
  const number = await meetingNumber(meetingId);

  const page = await pageAs(browser, SECRETARIAT);
  await page.goto(`/meetings/${meetingId}`);
  await expect(page.getByTestId("meeting-status")).toHaveText("안건 확정");
  // a locked agenda takes nothing: the late request is not offered
  await expect(page.getByRole("button", { name: "안건에 올리기" })).toHaveCount(0);

  const unlock = await openCorrection(page, "안건 확정 해제");
  await expect(unlock).toContainText("심의 결과가 기록되기 전까지만 확정을 풀 수 있습니다.");
  await unlock.getByRole("button", { name: "확정을 해제합니다" }).click(); // the reason is required (the browser stops it)
  await expect(page.getByTestId("meeting-status")).toHaveText("안건 확정");
  await unlock.getByLabel("해제 사유 (필수)").fill("긴급 안건 추가 요청(해양수산부)");
  await unlock.getByRole("button", { name: "확정을 해제합니다" }).click();
  await expect(page.getByRole("status")).toHaveText("안건 확정을 해제했습니다.");
  await expect(page.getByTestId("meeting-status")).toHaveText("안건 준비 중");

  // the late item goes on, then the agenda is locked again
  const value = await page.locator(`#add-request option[value^="${late}:"]`).getAttribute("value");
  await page.getByLabel("올릴 요청").selectOption(value!);
  await page.getByRole("button", { name: "안건에 올리기" }).click();
  await expect(page.getByTestId("agenda-number")).toHaveText([`제${number}회-1`, `제${number}회-2`]);
  await page.getByText("안건 확정(잠금)…").click();
  await page.getByRole("button", { name: "확정합니다" }).click();
  await expect(page.getByRole("status")).toHaveText("안건을 확정했습니다.");

  const history = page.getByTestId("meeting-history").locator(":scope > li");
  await expect(history).toHaveCount(4);
  await expect(history.nth(1)).toContainText("안건을 확정함");
  await expect(history.nth(2)).toContainText("안건 확정을 해제함");
  await expect(history.nth(2)).toContainText("사유: 긴급 안건 추가 요청(해양수산부)");
  await expect(history.nth(3)).toContainText("안건을 확정함");

  // once a decision is recorded the agenda stays locked
  const item = page.getByTestId("decision-item").filter({ hasText: "선박 항로 이상 탐지 AI" });
  await item.getByLabel("부결").check();
  await item.getByLabel("승인 GPU").fill("0");
  await item.getByRole("button", { name: "심의 결과 기록" }).click();
  await expect(page.getByRole("status")).toHaveText("심의 결과를 기록했습니다.");
  await expect(page.locator("summary", { hasText: "안건 확정 해제" })).toHaveCount(0);
  const refused = await page.request.post(`/meetings/${meetingId}`, { form: { intent: "unlock", reason: "뒤늦은 해제" } });
  expect(refused.status()).toBe(422);

  // the minutes (a draft) list both items with their numbers; the late item's history shows when it went on
  await page.goto(`/meetings/${meetingId}/minutes`);
  await expect(page.getByTestId("minutes-item")).toHaveCount(2);
  await expect(page.getByTestId("minutes-item").nth(1)).toContainText(`[제${number}회-2] 선박 항로 이상 탐지 AI`);
  await expect(page.getByTestId("minutes-item").nth(1)).toContainText("부결");
  const officer = await pageAs(browser, MOHW);
  await officer.goto(`/requests/${late}`);
  await expect(officer.getByTestId("history")).toContainText("안건으로 상정함");
  await expect(officer.getByTestId("history")).toContainText("심의 결과를 기록함");
  await expectAuditVerifies();
});
