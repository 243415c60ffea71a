import { expect, test, type Page } from "./fixtures";
import { signIn, expectNoSeriousA11yIssues } from "./helpers";
import { monthFromNow } from "./dates";

const hwp = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 1)]);
const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(2048, 0x20)]);
const exe = Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(2048, 0)]);

async function attach(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel("올릴 파일").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
  await page.getByRole("button", { name: "올리기" }).click();
}

test("an officer drafts, learns what is missing, completes, attaches files, submits and downloads; another ministry gets 404", async ({ page, browser }) => {
  await signIn(page, "officer@mohw.go.kr");
  await page.goto("/requests/new");
  await expectNoSeriousA11yIssues(page);
  await page.getByLabel("제목").fill("응급 병상 수요 예측 AI 실증");
  await page.getByRole("button", { name: "임시 저장" }).click();
  await expect(page.getByTestId("notice")).toHaveText("임시 저장되었습니다.");
  await expect(page.getByTestId("request-state")).toHaveText("작성 중");
  const requestUrl = new URL(page.url()).pathname;

  // Submitting the incomplete draft says exactly which fields are missing.
  await page.getByRole("link", { name: "수정" }).click();
  await page.getByRole("button", { name: "저장 후 제출" }).click();
  const summary = page.getByTestId("form-errors");
  await expect(summary).toContainText("표시된 항목을 확인하세요");
  for (const label of ["도메인", "분야", "AI 작업 유형", "요청 GPU 수", "희망 시작 월", "데이터 준비 상태", "예산 (원)"]) {
    await expect(summary.getByRole("link", { name: label })).toBeVisible();
  }
  await expect(summary.getByRole("link", { name: "제목" })).toHaveCount(0);
  await expect(page.getByLabel("도메인")).toHaveAccessibleDescription("도메인을 고르세요.");
  await expectNoSeriousA11yIssues(page);

  await page.getByLabel("도메인").selectOption("HEALTH");
  await page.getByLabel("분야").selectOption("NATIONAL_PROJECT");
  await page.getByLabel("문제 정의 (20자 이상)").fill("응급실 병상 부족을 미리 알 수 있는 수요 예측 모델이 없어 환자 이송이 늦어집니다.");
  await page.getByLabel("AI 작업 유형").selectOption("FINE_TUNING");
  await page.getByLabel("요청 GPU 수").fill("1024");
  await expect(page.getByTestId("gpusRequested-formatted")).toHaveText("1,024 장");
  await page.getByLabel("희망 시작 월").fill(monthFromNow(9));
  await page.getByLabel("사용 기간 (개월)").fill("12");
  await page.getByLabel("일부 준비").check();
  await page.getByRole("group", { name: "국산 NPU에서 실행 가능 여부" }).getByLabel("아니오").check();
  await page.getByLabel("기대 성과·KPI").fill("병상 부족 예측 정확도 90% 이상");
  await page.getByLabel("예산 (원)").fill("2500000000");
  await expect(page.getByTestId("budgetKrw-formatted")).toHaveText("2,500,000,000 원");
  await expect(summary).toHaveCount(0); // messages clear as the fields are filled
  await page.getByRole("button", { name: "임시 저장" }).click();
  await expect(page.getByTestId("notice")).toHaveText("임시 저장되었습니다.");

  // Attach a PDF and an HWP with a Korean name; a renamed executable is refused with a clear message.
  await attach(page, "사업계획서.hwp", hwp);
  await expect(page.getByTestId("attachment-banner")).toHaveText("\u201c사업계획서.hwp\u201d 파일을 올렸습니다.");
  await attach(page, "예산 내역.pdf", pdf);
  await expect(page.getByTestId("attachment-banner")).toHaveText("\u201c예산 내역.pdf\u201d 파일을 올렸습니다.");
  await attach(page, "설치파일.pdf", exe);
  await expect(page.getByTestId("attachment-banner")).toContainText("허용되지 않는 파일 형식입니다");
  const table = page.getByTestId("attachments");
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table).toContainText("사업계획서.hwp");
  await expect(table).toContainText("HWP");
  await expect(table).not.toContainText("설치파일.pdf");
  await expectNoSeriousA11yIssues(page);

  await page.getByRole("button", { name: "제출", exact: true }).click();
  await expect(page.getByTestId("request-state")).toHaveText("사무국 검토 중");
  await expect(page.getByText(/^AX-\d{4}-\d{4}/)).toBeVisible();
  await expect(page.getByRole("button", { name: /삭제/ })).toHaveCount(0); // no longer editable

  const link = page.getByRole("link", { name: "사업계획서.hwp 내려받기" });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("사업계획서.hwp");
  const attachmentUrl = (await link.getAttribute("href"))!;

  const outsider = await (await browser.newContext()).newPage();
  await signIn(outsider, "officer@mnd.go.kr");
  expect((await outsider.goto(requestUrl))?.status()).toBe(404);
  expect((await outsider.goto(attachmentUrl))?.status()).toBe(404);
  expect((await outsider.goto(`${requestUrl}/edit`))?.status()).toBe(404);
});

test("'save and submit' on an empty new form leaves no draft behind", async ({ page }) => {
  await signIn(page, "officer@mohw.go.kr");
  const before = await page.request.get("/api/v1/requests?state=draft&limit=100").then((r) => r.json());
  await page.goto("/requests/new");
  await page.getByRole("button", { name: "저장 후 제출" }).click();
  await expect(page.getByTestId("form-errors")).toContainText("제목");
  const after = await page.request.get("/api/v1/requests?state=draft&limit=100").then((r) => r.json());
  expect(after.items.length).toBe(before.items.length);
});

test("without JavaScript: a draft is saved, files are uploaded and deleted through plain forms", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "officer@mohw.go.kr");
  await page.goto("/requests/new");
  await page.getByLabel("제목").fill("자바스크립트 없이 작성한 요청");
  await page.getByRole("button", { name: "임시 저장" }).click();
  await expect(page.getByTestId("notice")).toHaveText("임시 저장되었습니다.");

  await attach(page, "설치파일.pdf", exe);
  await expect(page.getByTestId("attachment-banner")).toContainText("허용되지 않는 파일 형식입니다");
  await attach(page, "현황 자료.pdf", pdf);
  await expect(page.getByTestId("attachment-banner")).toHaveText("\u201c현황 자료.pdf\u201d 파일을 올렸습니다.");
  await page.getByRole("button", { name: "현황 자료.pdf 삭제" }).click();
  await expect(page.getByTestId("attachment-banner")).toHaveText("파일을 삭제했습니다.");
  await expect(page.getByText("첨부된 파일이 없습니다.")).toBeVisible();
  await context.close();
});

const complete = {
  title: "보완 절차 시험 요청",
  domain: "HEALTH",
  sector: "INDUSTRY",
  problemStatement: "보완 요청과 재제출 절차를 시험하기 위한 문제 정의입니다.",
  aiWork: "FINE_TUNING",
  gpusRequested: 64,
  desiredStartMonth: monthFromNow(10),
  durationMonths: 6,
  dataReadiness: "READY",
  npuCapable: true,
  expectedOutcomes: "재제출 후 검토 통과 여부 확인",
  budgetKrw: 100_000_000,
  contactName: "최보건",
  contactEmail: "officer@mohw.go.kr",
};

async function apiAs(page: Page, email: string) {
  const ctx = page.context().request;
  expect((await ctx.post("/api/v1/session", { data: { email, password: "ax-demo-2026" } })).status()).toBe(200);
  return ctx;
}

test("returned requests show the secretariat's reasons on the page and the form; each round stays in the history", async ({ page, browser }) => {
  const secretariatPage = await (await browser.newContext()).newPage();
  const secretariat = await apiAs(secretariatPage, "secretariat@msit.go.kr");
  const officerApi = await apiAs(page, "officer@mohw.go.kr");
  const created = await officerApi.post("/api/v1/requests", { data: complete });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();
  expect((await officerApi.post(`/api/v1/requests/${id}/events`, { data: { type: "SUBMIT", expectedVersion: 1 } })).status()).toBe(200);
  expect(
    (
      await secretariat.post(`/api/v1/requests/${id}/events`, {
        data: { type: "RETURN", expectedVersion: 2, reasons: ["KPI를 수치로 제시하세요", "데이터 확보 계획을 보완하세요"] },
      })
    ).status(),
  ).toBe(200);

  await page.goto(`/requests/${id}`);
  await expect(page.getByTestId("request-state")).toHaveText("보완 중");
  await expect(page.getByTestId("return-reasons")).toContainText("KPI를 수치로 제시하세요");
  await page.getByRole("link", { name: "수정" }).click();
  const reasons = page.getByTestId("return-reasons");
  await expect(reasons).toContainText("KPI를 수치로 제시하세요");
  await expect(reasons).toContainText("데이터 확보 계획을 보완하세요");
  await page.getByLabel("기대 성과·KPI").fill("예측 정확도 90% 이상, 처리 시간 30% 단축");
  await page.getByRole("button", { name: "저장 후 제출" }).click();
  await expect(page.getByTestId("notice")).toHaveText("보완한 요청을 다시 제출했습니다.");
  await expect(page.getByTestId("request-state")).toHaveText("사무국 검토 중");

  const current = await (await secretariat.get(`/api/v1/requests/${id}`)).json();
  expect(
    (
      await secretariat.post(`/api/v1/requests/${id}/events`, {
        data: { type: "RETURN", expectedVersion: current.version, reasons: ["예산 산출 근거를 추가하세요"] },
      })
    ).status(),
  ).toBe(200);
  await page.reload();
  await expect(page.getByTestId("return-reasons")).toContainText("예산 산출 근거를 추가하세요");
  await expect(page.getByTestId("return-reasons")).not.toContainText("KPI를 수치로");
  const history = page.getByTestId("history");
  await expect(history).toContainText("KPI를 수치로 제시하세요");
  await expect(history).toContainText("예산 산출 근거를 추가하세요");
  await expect(history.getByText("보완 요청함")).toHaveCount(2);
  await expect(history.getByText("보완 후 재제출함")).toHaveCount(1);
});

test("withdrawing asks for confirmation and a reason", async ({ page }) => {
  const officerApi = await apiAs(page, "officer@mohw.go.kr");
  const { id } = await (await officerApi.post("/api/v1/requests", { data: { title: "철회할 시험 요청" } })).json();
  await page.goto(`/requests/${id}`);
  await page.getByRole("link", { name: "철회…" }).click();
  await expect(page.getByRole("heading", { name: "요청 철회" })).toBeVisible();
  await expect(page.getByText("철회하면 되돌릴 수 없습니다")).toBeVisible();
  await page.getByRole("button", { name: "철회 확인" }).click();
  await expect(page.getByLabel("사유 (필수)")).toHaveAccessibleDescription("사유를 입력하세요.");
  await page.getByRole("link", { name: "취소" }).click();
  await expect(page.getByTestId("request-state")).toHaveText("작성 중");

  await page.getByRole("link", { name: "철회…" }).click();
  await page.getByLabel("사유 (필수)").fill("부처 내부 일정 변경으로 내년에 다시 신청합니다.");
  await page.getByRole("button", { name: "철회 확인" }).click();
  await expect(page.getByTestId("notice")).toHaveText("요청을 철회했습니다.");
  await expect(page.getByTestId("request-state")).toHaveText("철회");
  await expect(page.getByTestId("history")).toContainText("부처 내부 일정 변경으로 내년에 다시 신청합니다.");
  await expect(page.getByRole("link", { name: "철회…" })).toHaveCount(0);
});

test("the list filters, searches, sorts and pages on the server; user text is shown as text", async ({ page }) => {
  const officerApi = await apiAs(page, "officer@mohw.go.kr");
  const odd = `<img src=x onerror="window.__pwned=1"> 목록 시험 ${Date.now()}`;
  const created = (await (await officerApi.post("/api/v1/requests", { data: { title: odd, sector: "ACADEMIA_RESEARCH", gpusRequested: 9000 } })).json()) as {
    id: string;
  };
  // the table is an island (ADR 0052): the document carries the row once, as HTML, not again as data
  const documentHtml = await (await page.request.get("/requests")).text();
  expect(documentHtml.split(created.id).length - 1).toBe(1);

  await page.goto("/requests");
  await expectNoSeriousA11yIssues(page);
  await expect(page.getByTestId("state-counts").getByRole("link", { name: /^전체/ })).toHaveAttribute("aria-current", "page");
  // the first page's table is HTML the server rendered ahead (ADR 0048): the title is text there too,
  // and its link opens the request through the router (the page is not reloaded)
  await expect(page.getByRole("link", { name: odd })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.evaluate(() => ((window as unknown as { __samePage?: boolean }).__samePage = true));
  await page.getByRole("link", { name: odd }).click();
  await expect(page).toHaveURL(/\/requests\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(odd);
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  await page.goBack();
  // a state tab is a plain anchor too: through the router, and it becomes the current tab
  const draftTab = page.getByTestId("state-counts").getByRole("link", { name: /^작성 중/ });
  await draftTab.click();
  await expect(page).toHaveURL(/state=draft/);
  await expect(draftTab).toHaveAttribute("aria-current", "page");
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  await page.goBack();
  await expect(page.getByTestId("state-counts").getByRole("link", { name: /^전체/ })).toHaveAttribute("aria-current", "page");
  await page.getByLabel("제목 또는 접수번호 검색").fill("목록 시험");
  await page.getByRole("button", { name: "적용" }).click();
  await expect(page.getByRole("link", { name: odd })).toBeVisible(); // rendered literally
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.getByTestId("result-count")).toHaveText("1건");

  await page.goto("/requests?sort=gpus");
  await expect(page.locator("tbody tr").first()).toContainText("9,000");
  await page.getByLabel("분야").selectOption("INDUSTRY");
  await page.getByRole("button", { name: "적용" }).click();
  await expect(page).toHaveURL(/sector=INDUSTRY/);
  await expect(page.locator("tbody")).not.toContainText("9,000");

  await page.goto("/requests?limit=2&sort=title");
  // rows are compared by the request they link to: other specs file many requests with the same title
  const rowIds = () => page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.querySelector("a[href^='/requests/']")?.getAttribute("href")));
  const firstRows = await rowIds();
  expect(firstRows).toHaveLength(2);
  await page.getByRole("link", { name: "다음 페이지 →" }).click();
  await expect(page).toHaveURL(/cursor=/);
  // the URL changes before React renders the new rows: wait for the second page itself
  await expect(page.getByRole("link", { name: "← 이전 페이지" })).toBeVisible();
  await expect(page.getByRole("link", { name: "« 첫 페이지" })).toBeVisible();
  const secondRows = await rowIds();
  expect(secondRows.length).toBeGreaterThan(0);
  expect(secondRows.some((r) => firstRows.includes(r))).toBe(false);
  // and back: the previous page is the first page again
  await page.getByRole("link", { name: "← 이전 페이지" }).click();
  await expect(page.getByRole("link", { name: "← 이전 페이지" })).toHaveCount(0);
  expect(await rowIds()).toEqual(firstRows);

  await page.goto(`/requests?q=${encodeURIComponent("이런 제목은 없습니다")}`);
  await expect(page.getByTestId("empty-state")).toContainText("조건에 맞는 요청이 없습니다");
  await page.getByTestId("empty-state").getByRole("link", { name: "필터 초기화" }).click();
  await expect(page.locator("tbody tr").first()).toBeVisible();
  // An officer is never offered another ministry's filter.
  await expect(page.getByLabel("부처", { exact: true })).toHaveCount(0);
});

test("the secretariat filters the full list by ministry and sees counts per state", async ({ page }) => {
  await signIn(page, "secretariat@msit.go.kr");
  await page.goto("/requests");
  await page.getByLabel("부처", { exact: true }).selectOption("MND");
  await page.getByRole("button", { name: "적용" }).click();
  await expect(page).toHaveURL(/ministry=MND/);
  await expect(page.getByLabel("부처", { exact: true })).toHaveValue("MND");
  // the URL changes before the new rows render: wait until every row is the ministry's
  const ministryCells = page.locator("tbody tr td:nth-child(3)");
  await expect.poll(async () => [...new Set(await ministryCells.allTextContents())]).toEqual(["국방부"]);
  await expect(page.getByTestId("state-counts")).toContainText(/전체 \d+/);
  await expectNoSeriousA11yIssues(page);
});
