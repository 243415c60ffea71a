import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "./fixtures";
import { dataFingerprint } from "./db";
import { apiAs, PASSWORD, signIn, submittedRequest } from "./helpers";

/** Another site on this machine (another port of 127.0.0.1: same *site* as the app, so the Lax cookie goes along). */
async function attackerSite(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const current = async (ctx: APIRequestContext, id: string) => {
  const { state, version } = await (await ctx.get(`/api/v1/requests/${id}`)).json();
  return { state, version };
};

test("a cross-site text/plain form post of a WITHDRAW is refused (403) and changes nothing", async ({ page, baseURL }) => {
  const id = await submittedRequest({ title: "교차 사이트 요청 위조 시험" });
  const officer = await apiAs("officer@mohw.go.kr");
  const before = await current(officer, id);
  // text/plain form encoding writes `name=value`: the `=` lands inside the reason, and the body is valid JSON
  const name = `{"type":"WITHDRAW","expectedVersion":${before.version},"reason":"cross`;
  const site = await attackerSite(`<!doctype html><title>prize</title>
    <form id="f" method="post" enctype="text/plain" action="${baseURL}/api/v1/requests/${id}/events">
      <input type="hidden" name='${name}' value='site"}'>
    </form><script>document.getElementById("f").submit()</script>`);
  try {
    await signIn(page, "officer@mohw.go.kr");
    const fingerprint = await dataFingerprint();
    const [answer] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/v1/requests/${id}/events`)), page.goto(site.url)]);
    expect(answer.status()).toBe(403);
    expect((await answer.json()).error.code).toBe("FORBIDDEN");
    expect(await current(officer, id)).toEqual(before);
    expect(await dataFingerprint()).toEqual(fingerprint);
  } finally {
    await site.close();
  }
});

test("a cross-site multipart upload (fetch, no-cors) is refused and stores nothing", async ({ page, baseURL }) => {
  const officer = await apiAs("officer@mohw.go.kr");
  const { id } = await (await officer.post("/api/v1/requests", { data: { title: "교차 사이트 업로드 시험" } })).json();
  const site = await attackerSite(`<!doctype html><title>upload</title><script>
    const form = new FormData();
    form.append("file", new Blob(["%PDF-1.7\\n" + " ".repeat(2000)], { type: "application/pdf" }), "x.pdf");
    fetch("${baseURL}/api/v1/requests/${id}/attachments", { method: "POST", body: form, mode: "no-cors", credentials: "include" });
    fetch("${baseURL}/requests/${id}/attachments", { method: "POST", body: form, mode: "no-cors", credentials: "include" });
  </script>`);
  try {
    await signIn(page, "officer@mohw.go.kr");
    const fingerprint = await dataFingerprint();
    const answers = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/requests/${id}/attachments`)),
      page.waitForResponse((r) => r.url() === `${baseURL}/requests/${id}/attachments`),
      page.goto(site.url),
    ]);
    expect([answers[0].status(), answers[1].status()]).toEqual([403, 403]);
    expect(await dataFingerprint()).toEqual(fingerprint);
    expect((await (await officer.get(`/api/v1/requests/${id}/attachments`)).json()).items).toEqual([]);
  } finally {
    await site.close();
  }
});

test.describe("cookie requests that change something must come from the app's own origin", () => {
  const FOREIGN = [
    { Origin: "http://evil.example" },
    { Origin: "http://127.0.0.1:1" },
    { Origin: "null" },
    { "Sec-Fetch-Site": "cross-site" },
    { "Sec-Fetch-Site": "same-site" },
    { "Sec-Fetch-Site": "cross-site", Origin: "ORIGIN" }, // a forged Origin does not help when the browser says where it came from
  ];

  for (const headers of FOREIGN) {
    test(`refused with ${JSON.stringify(headers)}`, async ({ baseURL }) => {
      const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === "ORIGIN" ? baseURL! : v]));
      const officer = await apiAs("officer@mohw.go.kr");
      const secretariat = await apiAs("secretariat@msit.go.kr");
      const { id } = await (await officer.post("/api/v1/requests", { data: { title: "출처 검사 시험 요청" } })).json();
      const fingerprint = await dataFingerprint();
      const calls: [APIRequestContext, string, string, Record<string, unknown>][] = [
        [officer, "POST", "/api/v1/requests", { data: { title: "위조된 요청입니다" } }],
        [officer, "PATCH", `/api/v1/requests/${id}`, { data: { expectedVersion: 1, title: "위조된 제목입니다" } }],
        [officer, "POST", `/api/v1/requests/${id}/events`, { data: { type: "SUBMIT", expectedVersion: 1 } }],
        [officer, "POST", "/api/v1/tokens", { data: { name: "stolen" } }],
        [officer, "DELETE", "/api/v1/session", {}],
        [officer, "POST", "/logout", { form: {} }],
        [officer, "POST", "/lang", { form: { lang: "en", redirectTo: "/" } }],
        [officer, "POST", `/requests/${id}/attachments`, { form: { attachmentId: "x" } }],
        [secretariat, "POST", "/pool/release", { form: { allocationId: "x" } }],
        [secretariat, "POST", "/api/v1/meetings", { data: { number: 999, date: "2099-01-01", title: "위조 회의", place: "어딘가" } }],
      ];
      for (const [ctx, method, url, options] of calls) {
        const res = await ctx.fetch(url, { method, headers: h, maxRedirects: 0, ...options });
        expect(res.status(), `${method} ${url}`).toBe(403);
      }
      expect(await dataFingerprint()).toEqual(fingerprint);
      // the session survived the forged sign-outs
      expect((await officer.get("/api/v1/requests")).status()).toBe(200);
    });
  }

  test("the app's own origin, Sec-Fetch-Site same-origin or none, and clients without either header are served", async ({ baseURL }) => {
    const officer = await apiAs("officer@mohw.go.kr");
    const variants: Record<string, string>[] = [{ Origin: baseURL! }, { "Sec-Fetch-Site": "same-origin" }, { "Sec-Fetch-Site": "none" }, {}];
    for (const headers of variants) {
      const res = await officer.post("/api/v1/requests", { headers, data: { title: "같은 출처에서 만든 요청" } });
      expect(res.status(), JSON.stringify(headers)).toBe(201);
    }
  });

  test("a sign-in page post from another origin is refused", async ({ baseURL }) => {
    const ctx = await playwrightRequest.newContext({ baseURL });
    const res = await ctx.post("/login", {
      form: { email: "officer@mohw.go.kr", password: PASSWORD },
      headers: { Origin: "http://evil.example" },
      maxRedirects: 0,
    });
    expect(res.status()).toBeGreaterThanOrEqual(400);
    expect(res.headers()["set-cookie"] ?? "").not.toContain("ax_session=");
    await ctx.dispose();
  });
});

test.describe("the JSON API takes JSON bodies only (multipart only for uploads)", () => {
  test("text/plain, form and multipart bodies are 415 for cookie and token clients alike; nothing is written", async ({ baseURL }) => {
    const officer = await apiAs("officer@mohw.go.kr");
    const { token } = await (await officer.post("/api/v1/tokens", { data: { name: "content-type test" } })).json();
    const bearer = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
    const body = JSON.stringify({ title: "본문 형식 시험 요청" });
    const fingerprint = await dataFingerprint();
    for (const ctx of [officer, bearer]) {
      const plain = await ctx.post("/api/v1/requests", { headers: { "Content-Type": "text/plain" }, data: body });
      expect(plain.status()).toBe(415);
      expect((await plain.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect((await ctx.post("/api/v1/requests", { form: { title: "본문 형식 시험 요청" } })).status()).toBe(415);
      expect((await ctx.post("/api/v1/requests", { multipart: { title: "본문 형식 시험 요청" } })).status()).toBe(415);
      expect((await ctx.post("/api/v1/requests", { headers: { "Content-Type": "application/x-json" }, data: body })).status()).toBe(415);
    }
    expect(await dataFingerprint()).toEqual(fingerprint);
    const ok = await bearer.post("/api/v1/requests", { headers: { "Content-Type": "application/json; charset=utf-8" }, data: body });
    expect(ok.status()).toBe(201);
    await bearer.dispose();
  });

  test("PUT /api/v1/requests is 405 with Allow and creates nothing", async () => {
    const officer = await apiAs("officer@mohw.go.kr");
    const fingerprint = await dataFingerprint();
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const res = await officer.fetch("/api/v1/requests", { method, data: { title: "메서드 시험 요청입니다" } });
      expect(res.status(), method).toBe(405);
      expect(res.headers().allow).toBe("POST");
    }
    expect(await dataFingerprint()).toEqual(fingerprint);
  });

  test("a lone surrogate or a NUL in a JSON string is 400, not a 500 (PostgreSQL stores neither)", async () => {
    const officer = await apiAs("officer@mohw.go.kr");
    const fingerprint = await dataFingerprint();
    for (const raw of [
      '{"title":"보건 \\ud800 요청입니다"}',
      '{"title":"\\udc00\\udc00\\udc00\\udc00\\udc00"}',
      '{"\\ud800":"x"}',
      '{"title":"보건 \\u0000 요청입니다"}',
      '{"\\u0000":"x"}',
    ]) {
      const res = await officer.post("/api/v1/requests", { headers: { "Content-Type": "application/json" }, data: raw });
      expect(res.status(), raw).toBe(400);
    }
    expect(await dataFingerprint()).toEqual(fingerprint);
    const pair = await officer.post("/api/v1/requests", {
      headers: { "Content-Type": "application/json" },
      data: '{"title":"이모지 \\ud83d\\ude00 요청입니다"}',
    });
    expect(pair.status()).toBe(201);
  });
});
