import { expect, test } from "./fixtures";
import { axeFor, signIn } from "./helpers";
import { monthFromNow } from "./dates";

test("an officer saves a partial draft, sees what is missing, completes and submits it", async ({ page }) => {
  await signIn(page, "officer@mohw.go.kr");
  await page.getByRole("link", { name: "새 요청 작성" }).click();
  await page.getByLabel("제목").fill("감염병 확산 예측 AI 실증");
  await page.getByRole("button", { name: "임시 저장" }).click();
  await expect(page.getByTestId("request-state")).toHaveText("작성 중");

  await page.getByRole("link", { name: "수정" }).click();
  await page.getByRole("button", { name: "저장 후 제출" }).click();
  await expect(page.getByRole("alert")).toContainText("표시된 항목을 확인하세요");
  await expect(page.getByLabel("도메인")).toHaveAccessibleDescription("도메인을 고르세요.");
  await expect(page.getByLabel("문제 정의 (20자 이상)")).toHaveAccessibleDescription("문제 정의를 입력하세요.");

  const form = await axeFor(page).analyze();
  expect(form.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  await page.getByLabel("도메인").selectOption("HEALTH");
  await page.getByLabel("분야").selectOption("NATIONAL_PROJECT");
  await page.getByLabel("문제 정의 (20자 이상)").fill("감염병 유행 시 병상과 인력 배치를 미리 계획할 수 있는 예측 모델이 없습니다.");
  await page.getByLabel("AI 작업 유형").selectOption("FOUNDATION_TRAINING");
  await page.getByLabel("요청 GPU 수").fill("512");
  await page.getByLabel("희망 시작 월").fill(monthFromNow(4));
  await page.getByLabel("사용 기간 (개월)").fill("18");
  await page.getByLabel("일부 준비").check();
  await page.getByRole("group", { name: "국산 NPU에서 실행 가능 여부" }).getByLabel("예").check();
  await page.getByLabel("기대 성과·KPI").fill("예측 정확도 85% 이상, 병상 배치 시간 50% 단축");
  await page.getByLabel("예산 (원)").fill("3000000000");
  await page.getByRole("button", { name: "저장 후 제출" }).click();
  await expect(page.getByTestId("request-state")).toHaveText("사무국 검토 중");
  await expect(page.getByText(/AX-\d{4}-\d{4}/)).toBeVisible();

  await page.goto("/requests");
  const list = await axeFor(page).analyze();
  expect(list.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});
