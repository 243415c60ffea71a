import { expect, test } from "./fixtures";
import { apiAs, sendOk, signIn, submittedRequest, shot } from "./helpers";
import { baseURL } from "./app-server";
import { monthFromNow } from "./dates";

test("an officer submits from the request page; the secretariat sees it and accepts it", async ({ browser }) => {
  const officer = await browser.newPage();
  await signIn(officer, "officer@mohw.go.kr");
  await officer.getByRole("link", { name: "우리 부처 요청" }).click();
  // other specs file many requests first: find the seeded draft by searching the list
  await officer.getByLabel("제목 또는 접수번호 검색").fill("응급실 환자 분류");
  await officer.getByRole("button", { name: "적용" }).click();
  await officer.getByRole("link", { name: "응급실 환자 분류 AI 고도화 (작성 중)" }).click();
  await expect(officer.getByTestId("request-state")).toHaveText("작성 중");
  await officer.getByRole("button", { name: "제출", exact: true }).click();
  await expect(officer.getByTestId("request-state")).toHaveText("사무국 검토 중");
  await expect(officer.getByTestId("history")).toContainText("제출");
  const url = officer.url();
  await shot(officer, { path: "test-results/request-officer-ko.png", fullPage: true });

  // Another ministry's officer cannot open it.
  const outsider = await browser.newPage();
  await signIn(outsider, "officer@mnd.go.kr");
  const res = await outsider.goto(url);
  expect(res?.status()).toBe(404);

  const secretariat = await browser.newPage();
  await signIn(secretariat, "secretariat@msit.go.kr");
  await secretariat.getByRole("link", { name: "검토 대기" }).click();
  await secretariat.getByRole("link", { name: "응급실 환자 분류 AI 고도화 (작성 중)" }).click();
  // the workflow diagram is the server's drawing (ADR 0048), here after a client navigation: where the
  // request is, where it has been, and the moves this reader can make now
  const diagram = secretariat.getByTestId("workflow-diagram");
  await expect(diagram.locator('[data-state="screening"]')).toHaveAttribute("aria-current", "step");
  await expect(diagram.locator('[data-state="draft"]')).not.toHaveAttribute("aria-current", "step");
  await expect(secretariat.getByRole("figure")).toContainText("지금 할 수 있는 이동: 접수, 보완 요청");
  await secretariat.getByRole("button", { name: "접수", exact: true }).click();
  await expect(secretariat.getByTestId("request-state")).toHaveText("공동계획 수립 중");
  // the action's revalidation brings the new drawing
  await expect(diagram.locator('[data-state="jointPlanning"]')).toHaveAttribute("aria-current", "step");
  await expect(secretariat.getByTestId("history")).toContainText(/접수/);

  await officer.reload();
  await expect(officer.getByTestId("request-state")).toHaveText("공동계획 수립 중");
  await expect(officer.getByTestId("history")).toContainText(/접수/);

  // English view of the same page.
  await officer.getByRole("button", { name: /English/ }).click();
  await expect(officer.getByTestId("request-state")).toHaveText(/Joint/);
  await expect(officer.getByRole("figure")).toContainText("Moves you can make now");
  await shot(officer, { path: "test-results/request-officer-en.png", fullPage: true });
});

test("a stale page gets a clear 'changed by someone else' message, not an error page", async ({ browser }) => {
  // its own request: the demo one of the same title may already be taken by another spec on this worker
  const id = await submittedRequest({ title: "낡은 화면 충돌 확인 요청" });
  const a = await browser.newPage();
  await signIn(a, "secretariat@msit.go.kr");
  await a.goto(`/requests/${id}`);
  const b = await browser.newPage();
  await signIn(b, "secretariat@msit.go.kr");
  await b.goto(a.url());
  await b.getByRole("button", { name: "접수", exact: true }).click();
  await expect(b.getByTestId("request-state")).toHaveText("공동계획 수립 중");
  await a.getByRole("button", { name: "접수", exact: true }).click();
  await expect(a.getByRole("alert")).toContainText("다른 사용자가 먼저 변경했습니다");
});

test("the home page shows the secretariat's screening queue derived from request states", async ({ page, request }) => {
  // (officer@mafra.go.kr is locked out by the rate-limit test in auth.spec.ts, so another ministry files this one.)
  expect((await request.post("/api/v1/session", { data: { email: "officer@mohw.go.kr", password: "ax-demo-2026" } })).status()).toBe(200);
  const created = await (
    await request.post("/api/v1/requests", {
      data: {
        title: "수산물 품질 판별 AI",
        domain: "AGRIFOOD",
        sector: "INDUSTRY",
        problemStatement: "수산물 품질 판별이 숙련자 경험에 의존하여 편차가 큽니다.",
        aiWork: "INFERENCE_SERVICE",
        gpusRequested: 16,
        desiredStartMonth: monthFromNow(6),
        durationMonths: 6,
        dataReadiness: "READY",
        npuCapable: true,
        expectedOutcomes: "판별 정확도 95% 이상",
        budgetKrw: 300000000,
        contactName: "최보건",
        contactEmail: "officer@mohw.go.kr",
      },
    })
  ).json();
  expect((await request.post(`/api/v1/requests/${created.id}/events`, { data: { type: "SUBMIT", expectedVersion: 1 } })).status()).toBe(200);
  await signIn(page, "secretariat@msit.go.kr");
  await expect(page.getByTestId("inbox-toScreen")).toContainText("검토할 제출");
  await page.getByTestId("inbox-toScreen").getByRole("link", { name: "검토할 제출" }).click();
  await expect(page).toHaveURL(/\/screening$/);
});

test("the history, the drawing and the fields travel once, in the document, and stay when the page hydrates (ADR 0052, 0059)", async ({ page }) => {
  const id = await submittedRequest({ title: "한 번만 보내는 이력 확인 요청" });
  await signIn(page, "secretariat@msit.go.kr");
  // (goto returns once React has hydrated the page: e2e/fixtures.ts)
  const document = await (await page.goto(`/requests/${id}`))!.text();
  const diagram = page.getByTestId("workflow-diagram");
  await expect(diagram.locator('[data-state="screening"]')).toHaveAttribute("aria-current", "step");
  const entries = page.getByTestId("history").locator(":scope > li");
  await expect(page.getByTestId("history")).toContainText("제출");
  const before = await entries.count();
  // every piece of the drawing is in the document as often as on the page: none is in the page's data too
  const drawn = await diagram.evaluate((svg) => svg.outerHTML.split("wf-arrow-move").length - 1);
  expect(drawn).toBeGreaterThan(0);
  expect(document.split("wf-arrow-move").length - 1).toBe(drawn);
  // the fields too (ADR 0059): on the page after hydration, their HTML once in the document
  const fields = page.locator('[data-island="request-fields"]');
  await expect(fields.locator("dt")).toHaveCount(12);
  await expect(fields).toContainText("처리 시간 50% 단축"); // its expected outcomes
  expect(document.split('<dt class="font-semibold">').length - 1).toBe(12);
  // a client navigation brings them in its data: the oldest first, then a move that redraws (the order's
  // link is a plain anchor routed by the section's click handler: the page is not reloaded)
  await page.evaluate(() => ((window as unknown as { __samePage?: boolean }).__samePage = true));
  await page.getByRole("link", { name: "오래된순" }).click();
  await expect(page).toHaveURL(/history=oldest/);
  await expect(page.getByRole("link", { name: "오래된순" })).toHaveAttribute("aria-current", "true");
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  await expect(page.getByTestId("history")).toContainText("제출");
  await page.getByRole("button", { name: "접수", exact: true }).click();
  await expect(page.getByTestId("request-state")).toHaveText("공동계획 수립 중");
  await expect(diagram.locator('[data-state="jointPlanning"]')).toHaveAttribute("aria-current", "step");
  await expect(entries).toHaveCount(before + 1);
  await expect(fields.locator("dt")).toHaveCount(12); // brought again in the action's data
  await expect(fields).toContainText("처리 시간 50% 단축");
});

test("on a phone the drawing, wider than the screen, shows the request's current step", async ({ browser }) => {
  const id = await submittedRequest({ title: "휴대폰 진행 단계 확인 요청" });
  await sendOk(await apiAs("secretariat@msit.go.kr"), id, { type: "ACCEPT" });
  const context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  await signIn(page, "officer@mohw.go.kr");
  await page.goto(`/requests/${id}`);
  const figure = page.getByTestId("workflow-diagram").locator("xpath=ancestor::figure");
  const current = figure.locator('[aria-current="step"]');
  await expect(current).toHaveAttribute("data-state", "jointPlanning");
  // the figure scrolls sideways (it is wider than the screen); the current step is within its view, and the
  // page itself did not move
  const inView = () =>
    figure.evaluate((f) => {
      const box = f.getBoundingClientRect();
      const at = f.querySelector('[aria-current="step"]')!.getBoundingClientRect();
      return { scrolls: f.scrollWidth > f.clientWidth, inside: at.left >= box.left && at.right <= box.right, scrolled: f.scrollLeft > 0 };
    });
  await expect.poll(inView).toEqual({ scrolls: true, inside: true, scrolled: true });
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await context.close();
});
