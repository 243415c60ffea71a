import { expect, test } from "./fixtures";
import { apiAs, coSignedRequest, newMeeting } from "./helpers";
import { MOHW, SECRETARIAT, expectAuditVerifies, meetingNumber, pageAs, scheduleAndLock } from "./meeting-helpers";

// Path: the ministry withdraws one item before the agenda is locked (it leaves the agenda and the
// minutes still publish); after the lock the other can no longer be withdrawn (the meeting decides).
test("withdrawal before the lock takes the item off and the minutes publish; after the lock it is refused, and the page says so", async ({ browser }) => {
  const problem = "복지 급여 상담 대기가 길어 취약계층이 필요한 지원을 제때 받지 못하고 있습니다.";
  const leaves = await coSignedRequest({ title: "복지 급여 상담 챗봇", gpus: 24, problem });
  const stays = await coSignedRequest({ title: "노인 돌봄 수요 예측 AI", gpus: 36, problem });
  const meetingId = await newMeeting();
  await scheduleAndLock(meetingId, [leaves, stays], false);
  const number = await meetingNumber(meetingId);

  // before the lock: the officer withdraws through the confirmation page
  const officer = await pageAs(browser, MOHW);
  await officer.goto(`/requests/${leaves}`);
  await officer.getByRole("link", { name: "철회…" }).click();
  await officer.getByLabel("사유 (필수)").fill("부처 자체 예산으로 추진하기로 함");
  await officer.getByRole("button", { name: "철회 확인" }).click();
  await expect(officer.getByTestId("notice")).toHaveText("요청을 철회했습니다.");
  await expect(officer.getByTestId("request-state")).toHaveText("철회");
  await expect(officer.getByTestId("request-meetings")).toContainText("부처가 철회함");
  await expect(officer.getByTestId("history").locator(":scope > li").first()).toContainText("사유: 부처 자체 예산으로 추진하기로 함");

  // the secretariat's agenda: the item is gone, recorded as withdrawn; lock, decide, publish
  const page = await pageAs(browser, SECRETARIAT);
  await page.goto(`/meetings/${meetingId}`);
  await expect(page.getByTestId("agenda-row")).toHaveCount(1);
  await expect(page.getByTestId("removed-items")).toContainText(`제${number}회-1 복지 급여 상담 챗봇 — 부처가 철회함`);
  await page.getByText("안건 확정(잠금)…").click();
  await page.getByRole("button", { name: "확정합니다" }).click();
  await expect(page.getByRole("status")).toHaveText("안건을 확정했습니다.");

  // after the lock: no withdrawal; both the request page and the withdraw page say why
  await officer.goto(`/requests/${stays}`);
  await expect(officer.getByRole("link", { name: "철회…" })).toHaveCount(0);
  await expect(officer.getByTestId("withdraw-locked")).toHaveText(`제${number}회 안건이 확정되어 철회할 수 없습니다. 확정된 안건은 회의에서 심의합니다.`);
  await officer.goto(`/requests/${stays}/withdraw`);
  await expect(officer.getByTestId("withdraw-locked")).toBeVisible();
  await expect(officer.getByRole("button", { name: "철회 확인" })).toHaveCount(0);
  // a forged form post is refused by the machine and changes nothing
  const { version } = await (await (await apiAs(MOHW)).get(`/api/v1/requests/${stays}`)).json();
  const forged = await officer.request.post(`/requests/${stays}/withdraw`, { form: { reason: "철회", expectedVersion: String(version) } });
  expect(forged.status()).toBe(422);
  await officer.goto(`/requests/${stays}`);
  await expect(officer.getByTestId("request-state")).toHaveText("안건 상정");

  const item = page.getByTestId("decision-item");
  await item.getByLabel("원안 승인").check();
  await item.getByLabel("승인 GPU").fill("36");
  await item.getByRole("button", { name: "심의 결과 기록" }).click();
  await expect(page.getByRole("status")).toHaveText("심의 결과를 기록했습니다.");
  await page.getByRole("button", { name: "회의록 공개" }).click();
  await expect(page.getByRole("status")).toHaveText("회의록을 공개했습니다.");
  await expect(page.getByTestId("meeting-status")).toHaveText("회의록 공개");
  await expect(page.getByTestId("meeting-history")).toContainText("회의록을 공개함");

  await page.goto(`/meetings/${meetingId}/minutes`);
  await expect(page.getByTestId("minutes-draft")).toHaveCount(0);
  await expect(page.getByTestId("minutes-item")).toHaveCount(1);
  await expect(page.getByTestId("minutes-item")).toContainText("노인 돌봄 수요 예측 AI");
  await expect(page.getByTestId("minutes-removed")).toContainText(
    `[제${number}회-1] 복지 급여 상담 챗봇 — 부처가 철회함 (사유: 부처 자체 예산으로 추진하기로 함)`,
  );
  await expectAuditVerifies();
});
