import { expect, test } from "./fixtures";
import { signIn } from "./helpers";

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
