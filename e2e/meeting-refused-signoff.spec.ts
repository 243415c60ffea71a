import { expect, test } from "./fixtures";
import { apiAs, coSignedRequest, newMeeting, sendOk } from "./helpers";
import { CHAIR, MEMBER, MOHW, SECRETARIAT, expectAuditVerifies, meetingNumber, pageAs, scheduleAndLock } from "./meeting-helpers";

// Path: the chair refuses the sign-off → the secretariat's to-do "재상정 필요" with the reason → the
// request is put on the next meeting in one action → decided there and signed off.
test("refused sign-off: to-do with the reason, the refusal on top of the request, re-scheduled in one action, decided at the next meeting", async ({
  browser,
}) => {
  const title = "119 신고 음성 긴급도 분류 AI";
  const id = await coSignedRequest({ title, gpus: 80, problem: "119 신고가 몰리는 시간에 긴급도 분류가 늦어 출동이 지연되는 사례가 있습니다." });
  const first = await newMeeting();
  await scheduleAndLock(first, [id]);
  const firstNumber = await meetingNumber(first);
  const secretariatApi = await apiAs(SECRETARIAT);
  await sendOk(secretariatApi, id, { type: "DECIDE", outcome: "approve", approvedGpus: 80 });

  // the chair refuses in the sign-off inbox
  const chair = await pageAs(browser, CHAIR);
  await chair.goto("/signoffs");
  const pending = chair.getByTestId("signoff-item").filter({ hasText: title });
  await pending.getByLabel("거부 사유(필수)").fill("승인 수량 80장의 산정 근거가 부족합니다. 단계별 배분안을 보완하세요.");
  await pending.getByRole("button", { name: "결재 거부" }).click();
  await expect(chair.getByRole("status")).toHaveText("결재를 거부했습니다. 안건은 다음 회의로 돌아갑니다.");

  // the secretariat's to-do, with the reason
  const page = await pageAs(browser, SECRETARIAT);
  const todo = page.getByTestId("inbox-resubmitNeeded");
  await expect(todo).toContainText("재상정 필요");
  await expect(todo).toContainText(title);
  await expect(todo).toContainText("결재 거부 — 승인 수량 80장의 산정 근거가 부족합니다.");
  await todo.getByRole("link", { name: new RegExp(title) }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${id}$`));

  // the request page: the refusal at the top, for the ministry too
  await expect(page.getByTestId("refusal-notice")).toContainText("결재 거부 — 다음 회의에 다시 올려야 합니다");
  await expect(page.getByTestId("refusal-notice")).toContainText(`제${firstNumber}회 심의 결과를 박위원장 (위원장)이(가)`);
  await expect(page.getByTestId("refusal-notice")).toContainText("사유: 승인 수량 80장의 산정 근거가 부족합니다.");
  const officer = await pageAs(browser, MOHW);
  await officer.goto(`/requests/${id}`);
  await expect(officer.getByTestId("refusal-notice")).toContainText("승인 수량 80장의 산정 근거가 부족합니다.");
  await expect(officer.getByTestId("decision").first()).toContainText("확정되지 않음 — 결재 거부");

  // the first meeting's minutes: not confirmed, who refused and why — never as an approval
  expect((await secretariatApi.post(`/api/v1/meetings/${first}/minutes`)).status()).toBe(200);
  await page.goto(`/meetings/${first}/minutes`);
  const minutes = page.getByTestId("minutes-item");
  await expect(minutes).toContainText("확정되지 않음 — 결재 거부");
  await expect(minutes).toContainText("박위원장(위원장): 승인 수량 80장의 산정 근거가 부족합니다.");
  await expect(minutes).not.toContainText("원안 승인");
  await expect(minutes).not.toContainText("승인 GPU");

  // one action: put it on the next meeting
  const second = await newMeeting();
  const secondNumber = await meetingNumber(second);
  await page.goto(`/requests/${id}`);
  const schedule = page.getByRole("form", { name: "다음 회의에 재상정" });
  await schedule.getByLabel("회의").selectOption(second);
  await schedule.getByRole("button", { name: "안건에 올리기" }).click();
  await expect(page.getByRole("status")).toHaveText("회의 안건에 올렸습니다.");
  await expect(page.getByTestId("refusal-notice")).toHaveCount(0);
  await expect(page.getByTestId("request-meetings")).toContainText(`제${secondNumber}회-1`);
  await page.goto("/");
  await expect(page.getByTestId("inbox-resubmitNeeded").getByText(title)).toHaveCount(0);

  // decided at the next meeting and signed off
  await page.goto(`/meetings/${second}`);
  await page.getByText("안건 확정(잠금)…").click();
  await page.getByRole("button", { name: "확정합니다" }).click();
  const item = page.getByTestId("decision-item");
  await item.getByLabel("원안 승인").check();
  await item.getByLabel("승인 GPU").fill("60");
  await item.getByLabel("비고").fill("단계별 배분안 반영");
  await item.getByRole("button", { name: "심의 결과 기록" }).click();
  await expect(page.getByRole("status")).toHaveText("심의 결과를 기록했습니다.");
  await sendOk(await apiAs(CHAIR), id, { type: "SIGN" });
  await sendOk(await apiAs(MEMBER), id, { type: "SIGN" });

  await officer.goto(`/requests/${id}`);
  await expect(officer.getByTestId("request-state")).toHaveText("승인");
  const history = officer.getByTestId("history");
  for (const step of ["결재를 거부함", "심의 결과를 기록함"]) await expect(history).toContainText(step);
  await expect(history.locator(":scope > li").filter({ hasText: "안건으로 상정함" })).toHaveCount(2);
  await expect(officer.getByTestId("request-meetings")).toContainText(`제${firstNumber}회-1`);
  await expect(officer.getByTestId("request-meetings")).toContainText(`제${secondNumber}회-1`);
  await expectAuditVerifies();
});
