import { expect, test } from "./fixtures";
import { decidedRequest } from "./helpers";
import { dayFromNow } from "./dates";
import { MOHW, SECRETARIAT, expectAuditVerifies, pageAs } from "./meeting-helpers";

// A condition shows its own send-back reason next to it (not only at the end of the history).
test("evidence sent back: the reason sits with its condition until the evidence is accepted", async ({ browser }) => {
  const { id } = await decidedRequest(
    { title: "감염병 역학조사 보조 AI (조건)", gpus: 30 },
    {
      outcome: "approveWithConditions",
      approvedGpus: 30,
      conditions: [
        { text: "개인정보 영향평가 결과 제출", dueOn: dayFromNow(60) },
        { text: "데이터 반출 통제 방안 수립", dueOn: dayFromNow(90) },
      ],
    },
  );
  const page = await pageAs(browser, MOHW);
  await page.goto(`/requests/${id}`);
  const first = page.getByTestId("conditions").locator(":scope > li").filter({ hasText: "개인정보 영향평가 결과 제출" });
  await first.getByLabel("이행 내용 설명").fill("영향평가 초안을 제출합니다.");
  await first.getByRole("button", { name: "이행 보고" }).click();
  await expect(page.getByRole("status")).toHaveText("이행 내용을 보고했습니다.");

  const secretariat = await pageAs(browser, SECRETARIAT);
  await secretariat.goto(`/requests/${id}`);
  const reviewed = secretariat.getByTestId("conditions").locator(":scope > li").filter({ hasText: "개인정보 영향평가 결과 제출" });
  await reviewed.getByLabel("보완 요청 사유").fill("초안이 아닌 최종 보고서를 첨부하세요.");
  await reviewed.getByRole("button", { name: "보완 요청" }).click();
  await expect(secretariat.getByRole("status")).toHaveText("보완을 요청했습니다.");

  await page.reload();
  const back = page.getByTestId("conditions").locator(":scope > li");
  await expect(back.filter({ hasText: "개인정보 영향평가 결과 제출" }).getByTestId("condition-returned")).toContainText(
    "초안이 아닌 최종 보고서를 첨부하세요.",
  );
  await expect(back.filter({ hasText: "데이터 반출 통제 방안 수립" }).getByTestId("condition-returned")).toHaveCount(0);
  await expectAuditVerifies();
});
