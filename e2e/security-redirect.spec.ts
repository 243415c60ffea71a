import { expect, test } from "./fixtures";
import { apiAs, PASSWORD } from "./helpers";

// Browsers follow `/\evil.example` and `//evil.example` to another site: an open redirect.
const NASTY = [
  "/\\evil.example",
  "//evil.example",
  "/%5Cevil.example",
  "/\t/evil.example",
  "javascript:alert(1)",
  "https://evil.example/",
  "/%2F%2Fevil.example",
];

for (const redirectTo of NASTY) {
  test(`signing in with redirectTo=${JSON.stringify(redirectTo)} lands on this site's home`, async ({ playwright, baseURL }) => {
    const ctx = await playwright.request.newContext({ baseURL });
    const res = await ctx.post("/login", { form: { email: "officer@mafra.go.kr", password: PASSWORD, redirectTo }, maxRedirects: 0 });
    expect(res.status()).toBe(302);
    expect(res.headers().location).toBe("/");
    await ctx.dispose();
  });

  test(`the language switch with redirectTo=${JSON.stringify(redirectTo)} stays on this site`, async ({ request }) => {
    const res = await request.post("/lang", { form: { lang: "en", redirectTo }, maxRedirects: 0 });
    expect(res.status()).toBe(302);
    expect(res.headers().location).toBe("/");
  });
}

test("a same-site redirectTo is kept after signing in and after switching the language", async ({ playwright, baseURL, request }) => {
  const ctx = await playwright.request.newContext({ baseURL });
  const res = await ctx.post("/login", { form: { email: "officer@mafra.go.kr", password: PASSWORD, redirectTo: "/requests?state=draft" }, maxRedirects: 0 });
  expect(res.headers().location).toBe("/requests?state=draft");
  await ctx.dispose();
  const lang = await request.post("/lang", { form: { lang: "ko", redirectTo: "/requests/new" }, maxRedirects: 0 });
  expect(lang.headers().location).toBe("/requests/new");
});

test("an empty or text/plain body to /lang or /pool/release is a 4xx, not a 500", async ({ request }) => {
  const secretariat = await apiAs("secretariat@msit.go.kr");
  for (const ctx of [request, secretariat]) {
    for (const path of ["/lang", "/pool/release"]) {
      const empty = await ctx.post(path, { maxRedirects: 0 });
      const plain = await ctx.post(path, { headers: { "Content-Type": "text/plain" }, data: "lang=en", maxRedirects: 0 });
      for (const res of [empty, plain]) {
        expect(res.status(), `${path}: ${await res.text()}`).toBeGreaterThanOrEqual(300);
        expect(res.status()).toBeLessThan(500);
      }
    }
  }
  // signed in, /pool/release with a text/plain body is refused outright
  const plain = await secretariat.post("/pool/release", { headers: { "Content-Type": "text/plain" }, data: "allocationId=x" });
  expect(plain.status()).toBe(400);
});

test("a client navigation without a session is sent to sign in, and back to the page, not to its data URL", async ({ playwright, baseURL }) => {
  // the loaders get the request as it came (`v8_passThroughRequests`, ADR 0056): `.data` and `_routes`
  // are React Router's, and must not reach the address a person is sent back to
  const anonymous = await playwright.request.newContext({ baseURL });
  const res = await anonymous.get("/requests.data?state=draft&_routes=routes%2Fapp-layout%2Croutes%2Frequests", { maxRedirects: 0 });
  expect(res.status()).toBe(202); // a single-fetch redirect: the browser's router follows it
  const body = await res.text();
  expect(body).toContain(`/login?redirectTo=${encodeURIComponent("/requests?state=draft")}`);
  expect(body).not.toContain(".data");
  expect(body).not.toContain("_routes");
  // and after signing in, that address is where the person lands
  const login = await anonymous.post("/login", {
    form: { email: "officer@mafra.go.kr", password: PASSWORD, redirectTo: "/requests?state=draft" },
    maxRedirects: 0,
  });
  expect(login.headers().location).toBe("/requests?state=draft");
  await anonymous.dispose();
});
