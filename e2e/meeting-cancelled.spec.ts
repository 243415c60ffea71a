import { expect, test } from "./fixtures";
import { coSignedRequest, newMeeting } from "./helpers";
import { dayFromNow } from "./dates";
import { MOHW, SECRETARIAT, expectAuditVerifies, meetingNumber, openCorrection, pageAs, scheduleAndLock } from "./meeting-helpers";

// Path: a meeting with a locked agenda is cancelled; its items go back to joint planning through the machine.
test("cancelled meeting: every item back to joint planning with the reason; the record and the minutes say so", async ({ browser }) => {
  const problem = "재난 현장 영상 판독이 늦어 구조 인력 배치가 지연되는 사례가 반복되고 있습니다.";
  const first = await coSignedRequest({ title: "재난 현장 영상 판독 AI", gpus: 64, problem });
  const second = await coSignedRequest({ title: "응급 출동 경로 추천 AI", gpus: 32, problem });
  const meetingId = await newMeeting(dayFromNow(12));
  await scheduleAndLock(meetingId, [first, second]);
  const number = await meetingNumber(meetingId);

  const page = await pageAs(browser, SECRETARIAT);
  await page.goto(`/meetings/${meetingId}`);
  await expect(page.getByTestId("meeting-status")).toHaveText("안건 확정");
  const cancel = await openCorrection(page, "회의 취소");
  await expect(cancel).toContainText("취소하면 안건 2건이 모두 공동계획 단계로 돌아갑니다");
  await cancel.getByLabel("취소 사유 (필수)").fill("위원장 해외 출장으로 회의를 열 수 없음");
  await cancel.getByRole("button", { name: "회의를 취소합니다" }).click();
  await expect(page.getByRole("status")).toHaveText("회의를 취소했습니다.");
  await expect(page.getByTestId("meeting-status")).toHaveText("취소");
  await expect(page.getByTestId("meeting-cancelled")).toContainText("사유: 위원장 해외 출장으로 회의를 열 수 없음");
  await expect(page.getByTestId("agenda-row")).toHaveCount(0);
  const removed = page.getByTestId("removed-items");
  await expect(removed.locator("li")).toHaveCount(2);
  await expect(removed).toContainText(`제${number}회-1 재난 현장 영상 판독 AI — 회의 취소로 돌아감`);
  await expect(removed).toContainText(`제${number}회-2 응급 출동 경로 추천 AI — 회의 취소로 돌아감`);
  await expect(page.getByTestId("meeting-history")).toContainText("회의를 취소함");
  await expect(page.getByTestId("meeting-history")).toContainText("사유: 위원장 해외 출장으로 회의를 열 수 없음");
  await expect(page.locator("summary", { hasText: /회의 취소|안건 확정 해제/ })).toHaveCount(0);

  // the minutes record the cancellation, and no result
  await page.goto(`/meetings/${meetingId}/minutes`);
  await expect(page.getByTestId("minutes-cancelled")).toHaveText("이 회의는 취소되었습니다. 사유: 위원장 해외 출장으로 회의를 열 수 없음");
  await expect(page.getByTestId("minutes-item")).toHaveCount(0);
  await expect(page.getByTestId("minutes-removed")).toContainText("응급 출동 경로 추천 AI — 회의 취소로 돌아감 (사유: 위원장 해외 출장으로 회의를 열 수 없음)");

  // the ministry: back in joint planning, the meeting and why it left, in the history
  const officer = await pageAs(browser, MOHW);
  for (const id of [first, second]) {
    await officer.goto(`/requests/${id}`);
    await expect(officer.getByTestId("request-state")).toHaveText("공동계획 수립 중");
    await expect(officer.getByTestId("request-meetings")).toContainText("취소");
    await expect(officer.getByTestId("request-meetings")).toContainText("회의 취소로 돌아감");
    const last = officer.getByTestId("history").locator(":scope > li").first();
    await expect(last).toContainText("안건에서 내림 → 공동계획 수립 중");
    await expect(last).toContainText("사유: 위원장 해외 출장으로 회의를 열 수 없음");
  }

  // both can go on the next meeting
  const next = await newMeeting(dayFromNow(20));
  await page.goto(`/meetings/${next}`);
  await expect(page.locator(`#add-request option[value^="${first}:"]`)).toBeEnabled();
  await expectAuditVerifies();
});
