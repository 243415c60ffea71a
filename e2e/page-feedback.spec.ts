/**
 * What people see around their actions (issue 14): the specific result beside where they acted,
 * Enter in the title saving without leaving, deleting a delivery tranche asking first, error pages
 * keeping the header, and the login page saying why it appeared.
 */
import { expect, test } from "./fixtures";
import { apiAs, signIn } from "./helpers";
import { monthFromNow } from "./dates";

test("Enter in the title saves the draft and stays on its form; submitting says what happened", async ({ page }) => {
  await signIn(page, "officer@mohw.go.kr");
  await page.goto("/requests/new");
  await page.getByLabel("제목", { exact: true }).fill("엔터로 저장하는 요청 초안");
  await page.getByLabel("제목", { exact: true }).press("Enter");
  await expect(page).toHaveURL(/\/requests\/[^/]+\/edit$/);
  await expect(page.getByTestId("notice")).toHaveText("임시 저장되었습니다.");
  await expect(page.getByTestId("notice")).toBeFocused();
  // the notice is not carried in the address any more: a reload does not repeat it
  await page.reload();
  await expect(page.getByTestId("notice")).toHaveCount(0);
});

test("an accepted event says its own sentence beside the form; a 403 keeps the header and logout", async ({ page }) => {
  const officer = await apiAs("officer@mohw.go.kr");
  const created = await officer.post("/api/v1/requests", {
    data: {
      title: "결과 메시지 확인 요청",
      domain: "HEALTH",
      sector: "INDUSTRY",
      aiWork: "FINE_TUNING",
      gpusRequested: 16,
      problemStatement: "보건 현장의 반복 업무가 많아 담당 인력이 본연의 업무에 집중하지 못합니다.",
      desiredStartMonth: monthFromNow(3),
      durationMonths: 6,
      dataReadiness: "READY",
      npuCapable: false,
      expectedOutcomes: "처리 시간 50% 단축",
      budgetKrw: 1000,
      contactName: "최보건",
      contactEmail: "officer@mohw.go.kr",
    },
  });
  const { id } = await created.json();
  await signIn(page, "officer@mohw.go.kr");
  await page.goto(`/requests/${id}`);
  await page.getByRole("button", { name: "제출", exact: true }).click();
  await expect(page.getByTestId("action-result")).toHaveText("제출했습니다. 사무국 검토를 기다립니다.");
  await expect(page.getByTestId("action-result")).toBeFocused();

  await page.goto("/signoffs");
  await expect(page.getByText("이 작업을 할 권한이 없습니다.")).toBeVisible();
  await expect(page.getByTestId("header-user")).toBeVisible();
  await expect(page.getByRole("button", { name: "로그아웃" })).toBeVisible();
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("페이지를 찾을 수 없습니다");
  await expect(page.getByRole("navigation", { name: "주 메뉴" })).toBeVisible();
});

test("a signed-out deep link says why the login page appears", async ({ page }) => {
  await page.goto("/meetings");
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await expect(page.getByTestId("login-reason")).toHaveText("이 페이지를 보려면 로그인하세요. 로그인하면 요청한 페이지로 바로 이동합니다.");
  await page.goto("/login");
  await expect(page.getByTestId("login-reason")).toHaveCount(0);
});

test("deleting a delivery tranche asks first and says it is done", async ({ page }) => {
  const admin = await apiAs("admin@ax.go.kr");
  const pool = await (await admin.get("/api/v1/pool")).json();
  const label = `삭제 확인 차수 ${Date.now() % 100000}`;
  // room for a small tranche: raise the pool total by its size first
  const total = pool.totalGpus ?? pool.pool?.totalGpus;
  if (typeof total === "number") await admin.put("/api/v1/pool", { data: { totalGpus: total + 5, expectedTotalGpus: total } });
  const res = await admin.post("/api/v1/tranches", { data: { label, arrivalMonth: monthFromNow(6), capacity: 5, gpuModel: "NVIDIA B200" } });
  expect(res.status(), await res.text()).toBe(201);
  await signIn(page, "admin@ax.go.kr");
  await page.goto("/admin/pool");
  const card = page.getByTestId("admin-tranche").filter({ hasText: label });
  await card.getByText("삭제", { exact: true }).click();
  await expect(card.getByText(`‘${label}’을(를) 삭제합니다. 되돌릴 수 없습니다.`)).toBeVisible();
  await card.getByRole("button", { name: "삭제 확인" }).click();
  await expect(page.getByTestId("action-result")).toHaveText("도입 차수를 삭제했습니다.");
  await expect(page.getByTestId("admin-tranche").filter({ hasText: label })).toHaveCount(0);
});
