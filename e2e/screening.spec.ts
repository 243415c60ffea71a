import { expect, test, type APIRequestContext } from "./fixtures";
import { execute, queryOne } from "./db";
import { axeFor, signIn, apiAs, shot } from "./helpers";
import { monthFromNow } from "./dates";

// Requests are filed by officer@mohw.go.kr and officer@mnd.go.kr (mafra is locked out by auth.spec.ts).

const intake = (title: string, over: Record<string, unknown> = {}) => ({
  title,
  domain: "HEALTH",
  sector: "INDUSTRY",
  problemStatement: "현장 데이터와 인력이 부족하여 AI 도입이 늦어지고 있어 GPU 기반 실증이 필요합니다.",
  aiWork: "FINE_TUNING",
  gpusRequested: 32,
  desiredStartMonth: monthFromNow(6),
  durationMonths: 6,
  dataReadiness: "READY",
  npuCapable: true,
  expectedOutcomes: "업무 처리 시간 30% 단축",
  budgetKrw: 500_000_000,
  contactName: "담당자",
  contactEmail: "contact@example.go.kr",
  ...over,
});

/** Creates and submits a complete request; returns its id (version 2 after SUBMIT). */
async function fileAndSubmit(officer: APIRequestContext, title: string, over: Record<string, unknown> = {}): Promise<string> {
  const created = await officer.post("/api/v1/requests", { data: intake(title, over) });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  expect((await officer.post(`/api/v1/requests/${id}/events`, { data: { type: "SUBMIT", expectedVersion: 1 } })).status()).toBe(200);
  return id;
}

/**
 * Moves the moment a request entered screening back by `days` (its SUBMIT audit row's time) and
 * returns a function that restores it, so the audit chain verifies again afterwards. This is the
 * only way to make a submission "old" without waiting real business days.
 */
async function backdateSubmission(requestId: string, days: number): Promise<() => Promise<number>> {
  const row = (await queryOne<{ seq: number; at: number | string }>(`SELECT "seq", "at" FROM "AuditEvent" WHERE "requestId" = ? AND "type" = 'SUBMIT'`, [
    requestId,
  ]))!;
  const shifted = typeof row.at === "number" ? row.at - days * 86_400_000 : new Date(new Date(row.at).getTime() - days * 86_400_000).toISOString();
  await execute('UPDATE "AuditEvent" SET "at" = ? WHERE "seq" = ?', [shifted, row.seq]);
  return () => execute('UPDATE "AuditEvent" SET "at" = ? WHERE "seq" = ?', [row.at, row.seq]);
}

test("the secretariat screens from the queue: checklist, overdue mark, bulk accept and bulk return", async ({ page }) => {
  const mohw = await apiAs("officer@mohw.go.kr");
  const mnd = await apiAs("officer@mnd.go.kr");
  const oldOne = await fileAndSubmit(mohw, "대기열 오래된 제출 요청");
  const tooBig = await fileAndSubmit(mohw, "대기열 GPU 과다 요청", { gpusRequested: 5_000 });
  const fine = await fileAndSubmit(mohw, "대기열 정상 요청");
  const defence = await fileAndSubmit(mnd, "대기열 국방 요청", { domain: "DEFENSE" });
  const restore = await backdateSubmission(oldOne, 20);
  // the checklists come as HTML rendered ahead (ADR 0037): the browser must take them as its own, without a hydration error
  const errors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  page.on("pageerror", (e) => void errors.push(e.message));
  try {
    await signIn(page, "secretariat@msit.go.kr");
    await expect(page.getByTestId("header-inbox")).toHaveAccessibleName(/처리할 일 [\d,]+건/);
    await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "검토 대기" }).click();
    await expect(page).toHaveURL(/\/screening$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("제출 검토 대기열");

    const rows = page.getByTestId("screening-row");
    const row = (title: string) => rows.filter({ has: page.getByRole("link", { name: title, exact: true }) });
    // oldest first: the backdated one leads the four new ones and is overdue
    const titles = await rows.getByRole("link").allTextContents();
    const order = ["대기열 오래된 제출 요청", "대기열 GPU 과다 요청", "대기열 정상 요청", "대기열 국방 요청"].map((t) => titles.indexOf(t));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    await expect(row("대기열 오래된 제출 요청").getByTestId("overdue")).toHaveText("기한 초과");
    await expect(row("대기열 정상 요청").getByTestId("overdue")).toHaveCount(0);
    await expect(row("대기열 정상 요청")).toContainText("영업일 0일");
    // checklist: the over-sized request says which bound it crossed; no request here has an attachment
    await expect(row("대기열 GPU 과다 요청").locator('[data-check="gpuPlausible"]')).toHaveAttribute("data-ok", "false");
    await expect(row("대기열 GPU 과다 요청").locator('[data-check="gpuPlausible"]')).toContainText("산업계 상한 1,000장");
    await expect(row("대기열 정상 요청").locator('[data-check="gpuPlausible"]')).toHaveAttribute("data-ok", "true");
    await expect(row("대기열 정상 요청").locator('[data-check="attachment"]')).toHaveAttribute("data-ok", "false");
    await expect(row("대기열 정상 요청").locator('[data-check="npuAnswered"]')).toHaveAttribute("data-ok", "true");
    await shot(page, { path: "test-results/screening-ko.png", fullPage: true });
    expect((await axeFor(page).analyze()).violations.map((v) => v.id)).toEqual([]);
    // loaded as a document, the rows are HTML the server rendered ahead (ADR 0049, an island: ADR 0052): the browser takes them as
    // its own, the links route, and the boxes belong to the form (the bulk accept below posts them)
    const document = await (await page.reload())!.text();
    await expect(row("대기열 GPU 과다 요청").locator('[data-check="gpuPlausible"]')).toContainText("산업계 상한 1,000장");
    await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
    expect(errors).toEqual([]);
    // each checklist travels once (ADR 0052): the document holds it as often as the page shows it, none in the data
    const shown = await page.locator('[data-check="gpuPlausible"]').count();
    expect(shown).toBe(await rows.count());
    const checks = await page.locator("[data-check]").count();
    expect(document.split("data-check=").length - 1).toBe(checks); // (escaped or not)
    // so do the rows themselves (an island): a row's id is in its box's value and its link, not in the data
    expect(document.split(fine).length - 1).toBe(2);
    // a refused selection right after the document: the rows stay as they are, their boxes pointing to the
    // message, and keep the checklists the document held
    await page.getByRole("button", { name: "선택 항목 접수" }).click();
    await expect(row("대기열 정상 요청").getByRole("checkbox")).toHaveAttribute("aria-invalid", "true");
    await expect(row("대기열 GPU 과다 요청").locator('[data-check="gpuPlausible"]')).toContainText("산업계 상한 1,000장");
    await expect(page.locator('[data-check="gpuPlausible"]')).toHaveCount(shown);

    // a row's link opens the request through the router (the page is not reloaded), and back again
    await page.evaluate(() => ((window as unknown as { __samePage?: boolean }).__samePage = true));
    await row("대기열 정상 요청").getByRole("link").click();
    await expect(page).toHaveURL(`/requests/${fine}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("대기열 정상 요청");
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
    await page.goBack();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("제출 검토 대기열");

    // bulk accept two
    await page.getByRole("checkbox", { name: "대기열 오래된 제출 요청 선택" }).check();
    await page.getByRole("checkbox", { name: "대기열 정상 요청 선택" }).check();
    await page.getByLabel("접수 메모 (선택, 접수에만 기록)").fill("일괄 접수");
    await page.getByRole("button", { name: "선택 항목 접수" }).click();
    await expect(page.getByTestId("bulk-result")).toContainText("처리 2건 · 충돌 0건 · 거부 0건");
    await expect(row("대기열 오래된 제출 요청")).toHaveCount(0);
    await expect(row("대기열 정상 요청")).toHaveCount(0);
    // the rows that are left no longer point to the earlier refusal
    await expect(row("대기열 GPU 과다 요청").getByRole("checkbox")).not.toHaveAttribute("aria-invalid", "true");
    await expect(row("대기열 GPU 과다 요청").getByRole("checkbox")).not.toHaveAttribute("aria-describedby", /.+/);

    // return two: without a reason the page says so and nothing changes
    await page.getByRole("checkbox", { name: "대기열 GPU 과다 요청 선택" }).check();
    await page.getByRole("checkbox", { name: "대기열 국방 요청 선택" }).check();
    await page.getByRole("button", { name: "선택 항목 보완 요청" }).click();
    await expect(page.locator("#screening-returnReasons-error")).toHaveText("보완 요청 사유를 하나 이상 고르거나 적으세요.");
    await expect(row("대기열 국방 요청")).toHaveCount(1);
    await page.getByRole("checkbox", { name: "GPU 규모 산정 근거를 보완해 주세요." }).check();
    await page.getByLabel("기타 사유 (한 줄에 하나)").fill("예산 산출 내역을 첨부하세요.");
    await page.getByRole("button", { name: "선택 항목 보완 요청" }).click();
    await expect(page.getByTestId("bulk-result")).toContainText("처리 2건 · 충돌 0건 · 거부 0건");
    await expect(row("대기열 국방 요청")).toHaveCount(0);
  } finally {
    await restore();
  }

  const secretariat = await apiAs("secretariat@msit.go.kr");
  const states = await Promise.all([oldOne, fine, tooBig, defence].map(async (id) => (await (await secretariat.get(`/api/v1/requests/${id}`)).json()).state));
  expect(states).toEqual(["jointPlanning", "jointPlanning", "revision", "revision"]);
  const history = await (await mnd.get(`/api/v1/requests/${defence}/history`)).json();
  // a standard reason is stored as its code (ADR 0022), free text as typed; pages show the code in the reader's language
  expect(history.at(-1)).toMatchObject({ type: "RETURN", payload: { reasons: ["reason:gpuJustification", "예산 산출 내역을 첨부하세요."] } });
  const accepted = await (await secretariat.get(`/api/v1/requests/${oldOne}/history`)).json();
  expect(accepted.at(-1)).toMatchObject({ type: "ACCEPT", payload: { note: "일괄 접수" } });
  expect((await (await secretariat.get("/api/v1/audit/verify")).json()).ok).toBe(true);

  // the officer whose request came back sees it in the inbox on the home page
  const officerPage = await page.context().browser()!.newPage();
  await signIn(officerPage, "officer@mnd.go.kr");
  await expect(officerPage.getByTestId("inbox-revision")).toContainText("대기열 국방 요청");
  await officerPage.goto(`/requests/${defence}`);
  await expect(officerPage.getByTestId("return-reasons")).toContainText("GPU 규모 산정 근거를 보완해 주세요.");
  await officerPage.getByRole("button", { name: /English/ }).click();
  await expect(officerPage.getByTestId("return-reasons")).toContainText("Secretariat's reasons for revision");
  await expect(officerPage.getByTestId("return-reasons")).not.toContainText("reason:");

  // English view of the queue
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Screening queue");
  await shot(page, { path: "test-results/screening-en.png", fullPage: true });
});

test("API: bulk over 20 requests where 3 are stale reports 17 done and 3 conflicts, with no partial writes in the 3", async () => {
  const mohw = await apiAs("officer@mohw.go.kr");
  const mnd = await apiAs("officer@mnd.go.kr");
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) ids.push(await fileAndSubmit(i % 2 ? mnd : mohw, `일괄 접수 대상 ${i + 1}번 요청`));
  const seen = ids.map((requestId) => ({ requestId, expectedVersion: 2 })); // what the caller saw

  // three change after they were seen: returned and resubmitted (still in screening, version 4)
  const stale = [ids[3], ids[10], ids[17]];
  for (const id of stale) {
    const owner = ids.indexOf(id) % 2 ? mnd : mohw;
    expect((await secretariat.post(`/api/v1/requests/${id}/events`, { data: { type: "RETURN", expectedVersion: 2, reasons: ["첨부 보완"] } })).status()).toBe(
      200,
    );
    expect((await owner.post(`/api/v1/requests/${id}/events`, { data: { type: "RESUBMIT", expectedVersion: 3 } })).status()).toBe(200);
  }
  const before = new Map(
    await Promise.all(stale.map(async (id) => [id, (await (await secretariat.get(`/api/v1/requests/${id}/history`)).json()).length] as const)),
  );

  const res = await secretariat.post("/api/v1/screening/bulk", {
    data: { action: "ACCEPT", items: seen, note: "일괄 접수" },
    headers: { "Accept-Language": "en" },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ done: 17, conflicts: 3, refused: 0 });
  expect(body.results).toHaveLength(20);
  for (const r of body.results) {
    if (stale.includes(r.requestId)) expect(r).toMatchObject({ status: "conflict", state: "screening", version: 4 });
    else expect(r).toMatchObject({ status: "done", state: "jointPlanning", version: 3 });
  }
  expect(body.results.find((r: { status: string }) => r.status === "conflict").message).toMatch(/changed/i);

  for (const id of stale) {
    const now = await (await secretariat.get(`/api/v1/requests/${id}`)).json();
    expect([now.state, now.version]).toEqual(["screening", 4]);
    const history = await (await secretariat.get(`/api/v1/requests/${id}/history`)).json();
    expect(history).toHaveLength(before.get(id)!);
    expect(history.at(-1).type).toBe("RESUBMIT");
  }
  const done = ids.filter((id) => !stale.includes(id));
  for (const id of done) expect((await (await secretariat.get(`/api/v1/requests/${id}`)).json()).state).toBe("jointPlanning");
  expect((await (await secretariat.get("/api/v1/audit/verify")).json()).ok).toBe(true);
});

test("API: the bulk endpoint validates its body and is the secretariat's alone", async () => {
  const mohw = await apiAs("officer@mohw.go.kr");
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const id = await fileAndSubmit(mohw, "검증용 제출 요청");
  const post = (ctx: APIRequestContext, data: unknown) => ctx.post("/api/v1/screening/bulk", { data });

  expect((await post(mohw, { action: "ACCEPT", items: [{ requestId: id, expectedVersion: 2 }] })).status()).toBe(403);
  const noReason = await post(secretariat, { action: "RETURN", items: [{ requestId: id, expectedVersion: 2 }] });
  expect(noReason.status()).toBe(422);
  expect((await noReason.json()).error.fields).toHaveProperty("reasons");
  const tooMany = Array.from({ length: 101 }, (_, i) => ({ requestId: `r${i}`, expectedVersion: 1 }));
  expect((await post(secretariat, { action: "ACCEPT", items: tooMany })).status()).toBe(422);
  expect(
    (
      await post(secretariat, {
        action: "ACCEPT",
        items: [
          { requestId: id, expectedVersion: 2 },
          { requestId: id, expectedVersion: 2 },
        ],
      })
    ).status(),
  ).toBe(422);
  expect((await post(secretariat, { action: "APPROVE", items: [{ requestId: id, expectedVersion: 2 }] })).status()).toBe(422);
  expect((await post(secretariat, { action: "ACCEPT", items: [{ requestId: id, expectedVersion: 2 }], extra: 1 })).status()).toBe(422);
  // nothing happened to the request on any of these
  expect(await (await secretariat.get(`/api/v1/requests/${id}`)).json()).toMatchObject({ state: "screening", version: 2 });
  // an unknown id is reported per request, not as a failure of the whole call
  const unknown = await (await post(secretariat, { action: "ACCEPT", items: [{ requestId: "no-such-request", expectedVersion: 1 }] })).json();
  expect(unknown).toMatchObject({ done: 0, conflicts: 0, refused: 1, results: [{ requestId: "no-such-request", status: "refused" }] });
});
