import { expect, test } from "./fixtures";
import { apiAs, expectNoSeriousA11yIssues, signIn, submittedRequest } from "./helpers";

test("a Korean word from a problem statement finds the request for the secretariat and its ministry, not another ministry", async ({ page, browser }) => {
  const word = `판독지연${Date.now().toString(36).slice(-4)}`;
  const title = `흉부 영상 판독 보조 ${Date.now().toString(36)}`;
  const id = await submittedRequest({ title, problem: `지방 병원에서 흉부 엑스레이 ${word} 문제로 응급 환자의 치료가 늦어지고 있습니다.` });

  await signIn(page, "secretariat@msit.go.kr");
  const box = page.getByTestId("header-search");
  await box.getByRole("searchbox").fill(word);
  await box.getByRole("button", { name: "검색" }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  const result = page.getByTestId("search-result").filter({ hasText: title });
  await expect(result).toBeVisible();
  await expect(result.locator("mark").filter({ hasText: word })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await result.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${id}$`));

  // the request's ministry finds it, also by a two-character word (no trigram: the LIKE fallback)
  const mohw = await browser.newContext();
  const mohwPage = await mohw.newPage();
  await signIn(mohwPage, "officer@mohw.go.kr");
  await mohwPage.goto(`/search?q=${encodeURIComponent(word)}`);
  await expect(mohwPage.getByTestId("search-result").filter({ hasText: title })).toBeVisible();
  await mohwPage.goto(`/search?q=${encodeURIComponent(`흉부 ${word}`)}`);
  await expect(mohwPage.getByTestId("search-result").filter({ hasText: title })).toBeVisible();
  await mohw.close();

  // another ministry: nothing, not even a hint
  const mnd = await browser.newContext();
  const mndPage = await mnd.newPage();
  await signIn(mndPage, "officer@mnd.go.kr");
  await mndPage.goto(`/search?q=${encodeURIComponent(word)}`);
  await expect(mndPage.getByTestId("search-empty")).toBeVisible();
  await expect(mndPage.getByTestId("search-result")).toHaveCount(0);
  await mnd.close();

  const api = await (await apiAs("officer@mnd.go.kr")).get(`/api/v1/search?q=${encodeURIComponent(word)}`);
  expect(await api.json()).toEqual({ items: [], more: false });
  const forSecretariat = await (await (await apiAs("secretariat@msit.go.kr")).get(`/api/v1/search?q=${encodeURIComponent(word)}`)).json();
  expect(forSecretariat.items[0]).toMatchObject({ kind: "request", id, title, url: `/requests/${id}` });
});

test("search text is shown as text: markup in a title is never run", async ({ page }) => {
  const token = `주입시험${Date.now().toString(36).slice(-4)}`;
  await submittedRequest({ title: `<img src=x onerror="window.__hit=1"> ${token}` });
  await signIn(page, "officer@mohw.go.kr");
  await page.goto(`/search?q=${encodeURIComponent(token)}`);
  await expect(page.getByTestId("search-result").getByRole("link")).toContainText(`<img src=x onerror="window.__hit=1"> ${token}`);
  expect(await page.evaluate(() => (window as unknown as { __hit?: number }).__hit)).toBeUndefined();
  expect((await (await apiAs("officer@mohw.go.kr")).get(`/api/v1/search?q=${"가".repeat(201)}`)).status()).toBe(422);
});

test("the dashboard shows the same numbers as the statistics API, each chart with its table", async ({ page }) => {
  await signIn(page, "secretariat@msit.go.kr");
  // the panels come as HTML rendered ahead (ADR 0037): the browser must take them as its own, without a hydration error
  const errors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  page.on("pageerror", (e) => void errors.push(e.message));
  await page.goto("/dashboard?sector=NATIONAL_PROJECT");
  const stats = await (await (await apiAs("secretariat@msit.go.kr")).get("/api/v1/stats/pipeline?sector=NATIONAL_PROJECT")).json();
  await expect(page.getByTestId("dashboard-total")).toContainText(`전체 요청 ${stats.total.toLocaleString("en-US")}건`);
  for (const s of stats.byState.filter((r: { count: number }) => r.count > 0)) {
    await expect(page.locator(`[data-testid="dash-state-row"][data-state="${s.state}"] td`).first()).toHaveText(s.count.toLocaleString("en-US"));
  }
  for (const id of ["dash-pipeline", "dash-matrix", "dash-time", "dash-sla", "dash-gpus", "dash-npu"])
    await expect(page.getByTestId(id).locator("table")).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  expect(errors).toEqual([]);

  // a state's link leads to the list under the same filters, through the router (the page is not reloaded)
  const screening = stats.byState.find((r: { state: string; count: number }) => r.count > 0);
  await page.evaluate(() => ((window as unknown as { __samePage?: boolean }).__samePage = true));
  await page.locator(`[data-testid="dash-state-row"][data-state="${screening.state}"] a`).click();
  await expect(page).toHaveURL(`/requests?state=${screening.state}&sector=NATIONAL_PROJECT`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  // and back, through the router: the panels come in the navigation's data this time (an island, ADR 0052)
  await page.goBack();
  await expect(page.locator(`[data-testid="dash-state-row"][data-state="${screening.state}"] td`).first()).toHaveText(screening.count.toLocaleString("en-US"));
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  expect(errors).toEqual([]);
  // the document carries the panels once, as HTML: the figures they show are not in its data as well
  const documentHtml = await (await page.request.get("/dashboard?sector=NATIONAL_PROJECT")).text();
  expect(documentHtml).toContain('data-testid="dash-pipeline"');
  expect(documentHtml).not.toContain("byState");

  const officer = await apiAs("officer@mnd.go.kr");
  const own = await (await officer.get("/api/v1/stats/pipeline?ministry=MOHW")).json();
  expect(own.byMinistry.map((m: { ministry: { code: string } }) => m.ministry.code)).toEqual(own.total > 0 ? ["MND"] : []);
});
