import { expect, test } from "./fixtures";
import { apiAs, signIn, submittedRequest } from "./helpers";
import { MOHW, pageAs, SECRETARIAT } from "./meeting-helpers";

test("health check answers without sign-in and says nothing else", async ({ request }) => {
  const res = await request.get("/healthz");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
  expect(res.headers()["cache-control"]).toBe("no-store");
});

test("a signed-in page is never cached and runs only its own nonce'd scripts", async ({ page }) => {
  await signIn(page, "secretariat@msit.go.kr");
  const discovered = page.waitForRequest((r) => r.url().includes("/__manifest?") && decodeURIComponent(r.url()).includes("/pool"));
  const res = await page.goto("/requests");
  const headers = res!.headers();
  expect(headers["cache-control"]).toBe("no-store");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-request-id"]).toBeTruthy();
  const csp = headers["content-security-policy"];
  const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src"))!;
  expect(scriptSrc).not.toContain("unsafe-inline");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
  // every inline script React Router wrote carries this response's nonce (the browser hides the value from the DOM, so read the HTML)
  const html = await res!.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
  expect(inline.length).toBeGreaterThan(0);
  for (const [, attrs] of inline) expect(attrs).toContain(`nonce="${nonce}"`);
  // the page still works under the policy: client navigation runs (a blocked script would fail the fixture on the console error).
  // The menu's links are plain anchors (ADR 0048): React Router discovers their routes as it does its own
  // links', a click goes through the router (the page is not reloaded), and the new page's link is current.
  const menu = page.getByRole("navigation", { name: "주 메뉴" });
  await expect(menu.getByRole("link", { name: "전체 요청" })).toHaveAttribute("aria-current", "page");
  await discovered;
  await page.evaluate(() => ((window as unknown as { __samePage?: boolean }).__samePage = true));
  await menu.getByRole("link", { name: "GPU 배분" }).click();
  await expect(page).toHaveURL(/\/pool$/);
  await expect(menu.getByRole("link", { name: "GPU 배분" })).toHaveAttribute("aria-current", "page");
  await expect(menu.getByRole("link", { name: "전체 요청" })).not.toHaveAttribute("aria-current", "page");
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);

  const api = await page.request.get("/api/v1/requests");
  expect(api.headers()["cache-control"]).toBe("no-store");
});

test("a page viewed again before any change is the same document with a new nonce; a change, another user or a signed-out session is not (ADR 0062)", async ({
  page,
  browser,
  request,
}) => {
  const marker = `보관${Date.now().toString(36)}`;
  const id = await submittedRequest({ title: `${marker} 보건 요청` });
  // everyone signs in first: a sign-in is a commit, after which every page is rendered afresh anyway
  const other = await pageAs(browser, "officer@mnd.go.kr");
  const officer = await apiAs(MOHW);
  await signIn(page, SECRETARIAT);
  const view = async () => {
    const res = (await page.goto(`/requests/${id}`))!;
    expect(res.status()).toBe(200);
    return { nonce: /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"])![1], html: await res.text() };
  };
  const first = await view();
  const again = await view(); // hydrated under its own policy (a blocked script fails the fixture)
  expect(again.nonce).not.toBe(first.nonce);
  expect(again.html).not.toContain(first.nonce);
  const inline = [...again.html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
  expect(inline.length).toBeGreaterThan(0);
  for (const [, attrs] of inline) expect(attrs).toContain(`nonce="${again.nonce}"`);
  expect(again.html).toBe(first.html.replaceAll(first.nonce, again.nonce));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(marker);

  // the same address, with nothing committed since, for another ministry's officer: their own answer, not found
  expect((await other.goto(`/requests/${id}`))!.status()).toBe(404);
  // and for the same session switched to English (a cookie, not a commit): its own document
  await page.request.post("/lang", { form: { lang: "en", redirectTo: "/" } });
  expect((await view()).html).toContain('<html lang="en"');
  await page.request.post("/lang", { form: { lang: "ko", redirectTo: "/" } });
  expect((await view()).html).toContain('<html lang="ko"');

  // a change by someone else shows on the next view
  expect((await officer.post(`/api/v1/requests/${id}/comments`, { data: { body: `${marker} 산정 근거를 보냅니다.` } })).status()).toBe(201);
  await view();
  await expect(page.getByRole("region", { name: "의견 교환" })).toContainText(`${marker} 산정 근거를 보냅니다.`);

  // a session signed out: its cookie, sent again, is anonymous (sent to sign in), not a kept page
  await view();
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  expect((await request.get(`/requests/${id}`, { headers: { Cookie: cookie }, maxRedirects: 0 })).status()).toBe(200);
  await page.getByRole("button", { name: "로그아웃" }).click();
  await expect(page).toHaveURL(/\/login/);
  const replayed = await request.get(`/requests/${id}`, { headers: { Cookie: cookie }, maxRedirects: 0 });
  expect(replayed.status()).toBe(302);
  expect(replayed.headers()["location"]).toContain("/login");
});

test("a page is answered whole: its length is known before the first byte (ADR 0042)", async ({ request }) => {
  for (const path of ["/login", "/no-such-page"]) {
    const res = await request.get(path, { headers: { "Accept-Encoding": "identity" } });
    const body = await res.body();
    expect(res.headers()["content-type"]).toContain("text/html");
    expect(res.headers()["transfer-encoding"]).toBeUndefined();
    expect(Number(res.headers()["content-length"])).toBe(body.byteLength);
    expect(body.toString("utf8").trimEnd()).toMatch(/<\/html>$/);
  }
});

test("a short JSON answer goes as it is, with its length; a longer one is compressed", async ({ page, request }) => {
  // a new compression stream per ~100-byte answer cost more CPU than the bytes it saved (issue 11)
  const short = await request.get("/healthz", { headers: { "Accept-Encoding": "gzip, br" } });
  expect(short.headers()["content-encoding"]).toBeUndefined();
  expect(Number(short.headers()["content-length"])).toBe((await short.body()).byteLength);

  await signIn(page, "secretariat@msit.go.kr");
  const long = await page.request.get("/api/v1/requests", { headers: { "Accept-Encoding": "gzip, br" } });
  expect(long.status()).toBe(200);
  expect((await long.body()).byteLength).toBeGreaterThan(1024);
  expect(["br", "gzip"]).toContain(long.headers()["content-encoding"]);
});

test("built assets are cached for a year and never carry a session", async ({ page, request }) => {
  const res = await page.goto("/login");
  const asset = /\/assets\/[^"]+\.js/.exec(await res!.text())![0];
  const file = await request.get(asset);
  expect(file.status()).toBe(200);
  expect(file.headers()["cache-control"]).toContain("immutable");
  expect(file.headers()["set-cookie"]).toBeUndefined();
});
