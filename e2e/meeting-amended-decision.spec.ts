import { expect, test } from "./fixtures";
import { apiAs, coSignedRequest, newMeeting, sendEvent, sendOk } from "./helpers";
import { CHAIR, MEMBER, MOHW, SECRETARIAT, expectAuditVerifies, meetingNumber, pageAs, scheduleAndLock } from "./meeting-helpers";

// Path: the secretariat corrects a recorded decision before the quorum completes: signatures are
// cleared, both versions are kept and shown; once it takes effect it can no longer be amended.
test("amended decision before the quorum: signatures cleared, both versions shown, re-signed; the notice and the minutes show it", async ({ browser }) => {
  const title = "학교 급식 식중독 예측 AI";
  const id = await coSignedRequest({ title, gpus: 50, problem: "급식 식중독 발생 징후를 늦게 알아채 학생 피해가 커지는 사례가 반복되고 있습니다." });
  const meetingId = await newMeeting();
  await scheduleAndLock(meetingId, [id]);
  const number = await meetingNumber(meetingId);

  const page = await pageAs(browser, SECRETARIAT);
  await page.goto(`/meetings/${meetingId}`);
  let item = page.getByTestId("decision-item");
  await item.getByLabel("원안 승인").check();
  await item.getByLabel("승인 GPU").fill("50");
  await item.getByRole("button", { name: "심의 결과 기록" }).click();
  await expect(page.getByRole("status")).toHaveText("심의 결과를 기록했습니다.");
  await sendOk(await apiAs(MEMBER), id, { type: "SIGN", comment: "이견 없음" });

  await page.reload();
  item = page.getByTestId("decision-item");
  await expect(item.getByTestId("decision").first()).toContainText("1/2명 서명");
  await item.locator("summary", { hasText: "심의 결과 수정…" }).click();
  const amend = item.getByTestId("amend-form");
  await expect(amend.getByLabel("승인 GPU")).toHaveValue("50");
  await amend.getByLabel("승인 GPU").fill("40");
  await amend.getByLabel("비고").fill("1차 배분 후 성과 점검");
  await amend.getByLabel("수정 사유 (필수)").fill("합의 GPU 재산정 결과 반영(50→40)");
  await amend.getByRole("button", { name: "수정 내용 기록" }).click();
  await expect(page.getByRole("status")).toHaveText("심의 결과를 수정했습니다. 승인권자가 다시 결재합니다.");

  item = page.getByTestId("decision-item");
  const current = item.getByTestId("decision").first();
  await expect(current).toContainText("40 / 합의 GPU 50");
  await expect(current).toContainText("0/2명 서명");
  await expect(current.getByTestId("decision-amended")).toContainText("사유: 합의 GPU 재산정 결과 반영(50→40)");
  const earlier = item.getByTestId("earlier-versions");
  await earlier.locator("summary").click();
  await expect(earlier.getByTestId("decision")).toContainText("수정 전 결정(효력 없음)");
  await expect(earlier.getByTestId("decision")).toContainText("50 / 합의 GPU 50");
  await expect(earlier.getByTestId("decision")).toContainText("서명: 이승인");

  // the approvers sign the new version (the member again)
  const member = await pageAs(browser, MEMBER);
  await member.goto("/signoffs");
  const pending = member.getByTestId("signoff-item").filter({ hasText: title });
  await expect(pending.getByTestId("decision")).toContainText("40");
  await pending.getByRole("button", { name: "서명(승인)" }).click();
  await expect(member.getByRole("status")).toHaveText("서명했습니다.");
  const chair = await pageAs(browser, CHAIR);
  await chair.goto("/signoffs");
  await chair.getByTestId("signoff-item").filter({ hasText: title }).getByRole("button", { name: "서명(승인)" }).click();
  await expect(chair.getByRole("status")).toHaveText("서명했습니다.");

  // in effect: no more amendments (only a reconsideration changes it)
  await page.goto(`/meetings/${meetingId}`);
  await expect(page.locator("summary", { hasText: "심의 결과 수정…" })).toHaveCount(0);
  const late = await sendEvent(await apiAs(SECRETARIAT), id, { type: "AMEND_DECISION", outcome: "approve", approvedGpus: 30, reason: "재수정" });
  expect(late.status()).toBe(422);

  const officer = await pageAs(browser, MOHW);
  await officer.goto(`/requests/${id}`);
  await expect(officer.getByTestId("request-state")).toHaveText("승인");
  const history = officer.getByTestId("history");
  const amended = history.locator(":scope > li").filter({ hasText: "심의 결과를 수정함" });
  await expect(amended).toContainText("사유: 합의 GPU 재산정 결과 반영(50→40)");
  await expect(amended).toContainText("원안 승인 · 승인 GPU 40");
  await expect(officer.getByTestId("decision")).toHaveCount(2); // both versions on the request page

  // the decision notice: the version in force, with its 의안번호
  await officer.getByRole("link", { name: "결정 통지서" }).click();
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText("심의 결과 통지서");
  const notice = officer.getByTestId("notice-decision");
  await expect(notice).toContainText(`제${number}회-1`);
  await expect(notice).toContainText("원안 승인");
  await expect(notice).toContainText("40");
  await expect(notice).toContainText("1차 배분 후 성과 점검");

  // the minutes show the decision and what it was before the amendment
  await page.goto(`/meetings/${meetingId}/minutes`);
  await expect(page.getByTestId("minutes-item")).toContainText("40 (합의 GPU 50)");
  await expect(page.getByTestId("minutes-amended")).toContainText("수정 전: 원안 승인, 승인 GPU 50");
  await expect(page.getByTestId("minutes-amended")).toContainText("사유: 합의 GPU 재산정 결과 반영(50→40)");
  await expectAuditVerifies();
});
