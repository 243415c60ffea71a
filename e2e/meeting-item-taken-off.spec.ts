import { expect, test } from "./fixtures";
import { coSignedRequest, newMeeting } from "./helpers";
import { MOHW, SECRETARIAT, expectAuditVerifies, meetingNumber, openCorrection, pageAs, scheduleAndLock } from "./meeting-helpers";

// Path: one item is taken off an unlocked agenda with a reason; the rest is decided and published.
test("item taken off: back to joint planning with the reason; its 의안번호 stays; the minutes list it as taken off", async ({ browser }) => {
  const problem = "농가 병해충 진단이 전문가 방문에 의존해 확산 초기에 대응하지 못하고 있습니다.";
  const off = await coSignedRequest({ title: "작물 병해충 영상 진단 AI", gpus: 40, problem });
  const stays = await coSignedRequest({ title: "축사 환기 제어 AI", gpus: 24, problem });
  const meetingId = await newMeeting();
  await scheduleAndLock(meetingId, [off, stays], false);
  const number = await meetingNumber(meetingId);

  const page = await pageAs(browser, SECRETARIAT);
  await page.goto(`/meetings/${meetingId}`);
  await expect(page.getByTestId("agenda-number")).toHaveText([`제${number}회-1`, `제${number}회-2`]);
  const remove = await openCorrection(page, "안건에서 내리기");
  await remove.getByLabel("내릴 안건").selectOption({ label: `제${number}회-1 작물 병해충 영상 진단 AI` });
  await remove.getByLabel("사유 (필수)").fill("실증 기관 협약이 끝난 뒤 다음 회의에 상정");
  await remove.getByRole("button", { name: "안건에서 내립니다" }).click();
  await expect(page.getByRole("status")).toHaveText("안건에서 내렸습니다.");
  await expect(page.getByTestId("agenda-row")).toHaveCount(1);
  // the one left keeps its number
  await expect(page.getByTestId("agenda-number")).toHaveText([`제${number}회-2`]);
  await expect(page.getByTestId("removed-items")).toContainText(`제${number}회-1 작물 병해충 영상 진단 AI — 사무국이 안건에서 내림`);
  await expect(page.getByTestId("removed-items")).toContainText("사유: 실증 기관 협약이 끝난 뒤 다음 회의에 상정");

  // the rest is locked, decided and published
  await page.getByText("안건 확정(잠금)…").click();
  await page.getByRole("button", { name: "확정합니다" }).click();
  await expect(page.getByRole("status")).toHaveText("안건을 확정했습니다.");
  const item = page.getByTestId("decision-item");
  await expect(item).toHaveCount(1);
  await item.getByLabel("원안 승인").check();
  await item.getByLabel("승인 GPU").fill("24");
  await item.getByRole("button", { name: "심의 결과 기록" }).click();
  await expect(page.getByRole("status")).toHaveText("심의 결과를 기록했습니다.");
  await page.getByRole("button", { name: "회의록 공개" }).click();
  await expect(page.getByRole("status")).toHaveText("회의록을 공개했습니다.");

  await page.goto(`/meetings/${meetingId}/minutes`);
  await expect(page.getByTestId("minutes-item")).toHaveCount(1);
  await expect(page.getByTestId("minutes-item")).toContainText(`[제${number}회-2] 축사 환기 제어 AI`);
  await expect(page.getByTestId("minutes-item")).toContainText("원안 승인");
  await expect(page.getByTestId("minutes-removed")).toContainText(
    `[제${number}회-1] 작물 병해충 영상 진단 AI — 사무국이 안건에서 내림 (사유: 실증 기관 협약이 끝난 뒤 다음 회의에 상정)`,
  );

  // the ministry sees why, and the item is in joint planning again
  const officer = await pageAs(browser, MOHW);
  await officer.goto(`/requests/${off}`);
  await expect(officer.getByTestId("request-state")).toHaveText("공동계획 수립 중");
  await expect(officer.getByTestId("request-meetings")).toContainText(`제${number}회-1`);
  await expect(officer.getByTestId("request-meetings")).toContainText("사무국이 안건에서 내림");
  const last = officer.getByTestId("history").locator(":scope > li").first();
  await expect(last).toContainText("안건에서 내림 → 공동계획 수립 중");
  await expect(last).toContainText("사유: 실증 기관 협약이 끝난 뒤 다음 회의에 상정");
  // the decided one: the officer reads the published minutes of their own item
  await officer.goto(`/requests/${stays}`);
  await officer.getByRole("link", { name: "회의록 보기" }).click();
  await expect(officer.getByTestId("minutes-own-items")).toBeVisible();
  await expect(officer.getByTestId("minutes-item")).toContainText("축사 환기 제어 AI");
  await expect(officer.getByTestId("minutes-removed")).toContainText("작물 병해충 영상 진단 AI"); // the same ministry's
  await expectAuditVerifies();
});
