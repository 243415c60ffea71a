import { baseURL } from "./app-server";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "./fixtures";
import { countEvents, lastEvent } from "./db";
import { apiAs, PASSWORD } from "./helpers";

/** Signs in until the throttle lets the account in again (a success clears its count); the wait is a signal, not a timer. */
async function signInWhenAllowed(email: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: baseURL() });
  await expect(async () => {
    expect((await ctx.post("/api/v1/session", { data: { email, password: PASSWORD } })).status()).toBe(200);
  }).toPass({ timeout: 20_000 });
  return ctx;
}

test("100 parallel wrong passwords for one account: at most 5 are checked, the rest are 429 with Retry-After", async ({ request }) => {
  const email = "approver@opm.go.kr";
  const before = await countEvents("LOGIN_FAILED", email);
  const responses = await Promise.all(Array.from({ length: 100 }, () => request.post("/api/v1/session", { data: { email, password: "not-the-password" } })));
  const statuses = responses.map((r) => r.status());
  const checked = statuses.filter((s) => s === 401).length;
  expect(checked).toBeGreaterThan(0);
  expect(checked).toBeLessThanOrEqual(5);
  expect(statuses.filter((s) => s === 429)).toHaveLength(100 - checked);
  const limited = responses.find((r) => r.status() === 429)!;
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await limited.json()).error.code).toBe("RATE_LIMITED");
  // every checked attempt, and only those, is a failed-sign-in audit event
  expect((await countEvents("LOGIN_FAILED", email)) - before).toBe(checked);
  // the owner is not locked out: once the short wait passes, the right password works
  await (await signInWhenAllowed(email)).dispose();
});

test("a failed sign-in is audited with the email as typed (normalized) and never the password", async ({ request }) => {
  const before = await countEvents("LOGIN_FAILED", "nobody-here@ax.go.kr");
  const res = await request.post("/api/v1/session", { data: { email: "  Nobody-Here@AX.go.kr ", password: "hunter2-secret" } });
  expect(res.status()).toBe(401);
  expect(await countEvents("LOGIN_FAILED", "nobody-here@ax.go.kr")).toBe(before + 1);
  expect(await countEvents("LOGIN_FAILED", "hunter2-secret")).toBe(0);
});

test("sign-in and sign-out are audit events; after DELETE /session the cookie no longer works", async () => {
  const ctx = await playwrightRequest.newContext({ baseURL: baseURL() });
  const signed = await ctx.post("/api/v1/session", { data: { email: "officer@mnd.go.kr", password: PASSWORD } });
  expect(signed.status()).toBe(200);
  const userId = (await signed.json()).user.id;
  const logins = await countEvents("LOGIN", "sessionId");
  const logouts = await countEvents("LOGOUT", "sessionId");
  expect(logins).toBeGreaterThan(0);
  expect((await ctx.get("/api/v1/requests")).status()).toBe(200);
  expect((await ctx.delete("/api/v1/session")).status()).toBe(204);
  expect(await countEvents("LOGOUT", "sessionId")).toBe(logouts + 1);
  expect((await lastEvent("LOGOUT"))?.actorId).toBe(userId);
  expect((await lastEvent("LOGIN"))?.actorId).toBe(userId);
  expect((await ctx.get("/api/v1/requests")).status()).toBe(401);
  await ctx.dispose();
});

test.describe("API tokens", () => {
  test("expire after 90 days by default or as asked (at most 365), cannot manage tokens, and die when revoked", async () => {
    const session = await apiAs("officer@mohw.go.kr");
    const made = await session.post("/api/v1/tokens", { data: { name: "연동 스크립트" } });
    expect(made.status(), await made.text()).toBe(201);
    const token = await made.json();
    const days = (Date.parse(token.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThanOrEqual(90);
    const short = await (await session.post("/api/v1/tokens", { data: { name: "단기", expiresInDays: 7 } })).json();
    expect((Date.parse(short.expiresAt) - Date.now()) / 86_400_000).toBeLessThanOrEqual(7);
    expect((await session.post("/api/v1/tokens", { data: { name: "too long", expiresInDays: 3650 } })).status()).toBe(422);
    expect(await countEvents("TOKEN_CREATED", token.id)).toBe(1);

    const bearer = await playwrightRequest.newContext({ baseURL: baseURL(), extraHTTPHeaders: { Authorization: `Bearer ${token.token}` } });
    expect((await bearer.get("/api/v1/requests")).status()).toBe(200);
    // a token cannot mint, list or revoke tokens
    expect((await bearer.post("/api/v1/tokens", { data: { name: "child" } })).status()).toBe(403);
    expect((await bearer.get("/api/v1/tokens")).status()).toBe(403);
    expect((await bearer.delete("/api/v1/tokens", { data: { id: short.id } })).status()).toBe(403);

    // the session lists its live tokens and revokes one: the token stops working at once
    const listed = (await (await session.get("/api/v1/tokens")).json()).items.map((t: { id: string }) => t.id);
    expect(listed).toEqual(expect.arrayContaining([token.id, short.id]));
    expect((await session.delete("/api/v1/tokens", { data: { id: token.id } })).status()).toBe(204);
    expect((await bearer.get("/api/v1/requests")).status()).toBe(401);
    expect(await countEvents("TOKEN_REVOKED", token.id)).toBe(1);
    expect((await (await session.get("/api/v1/tokens")).json()).items.map((t: { id: string }) => t.id)).not.toContain(token.id);

    // DELETE /api/v1/session with a token ends that token
    const shortBearer = await playwrightRequest.newContext({ baseURL: baseURL(), extraHTTPHeaders: { Authorization: `Bearer ${short.token}` } });
    expect((await shortBearer.delete("/api/v1/session")).status()).toBe(204);
    expect((await shortBearer.get("/api/v1/requests")).status()).toBe(401);
    await Promise.all([session.dispose(), bearer.dispose(), shortBearer.dispose()]);
  });
});

test("downloading an attachment is an audit event of the reader; the request's history leaves it out", async () => {
  const officer = await apiAs("officer@mohw.go.kr");
  const { id } = await (await officer.post("/api/v1/requests", { data: { title: "다운로드 감사 기록 시험" } })).json();
  const buffer = Buffer.concat([Buffer.from("%PDF-1.7\n", "latin1"), Buffer.alloc(2000, 0x20)]);
  const file = await (
    await officer.post(`/api/v1/requests/${id}/attachments`, { multipart: { file: { name: "계획서.pdf", mimeType: "application/pdf", buffer } } })
  ).json();
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const before = await countEvents("ATTACHMENT_DOWNLOADED", file.id);
  expect((await secretariat.get(`/api/v1/requests/${id}/attachments/${file.id}`)).status()).toBe(200);
  expect(await countEvents("ATTACHMENT_DOWNLOADED", file.id)).toBe(before + 1);
  const event = (await lastEvent("ATTACHMENT_DOWNLOADED"))!;
  expect(event.requestId).toBe(id);
  expect(event.payload).toMatchObject({ attachmentId: file.id, name: "계획서.pdf" });
  const history = await (await officer.get(`/api/v1/requests/${id}/history`)).json();
  expect(history.map((h: { type: string }) => h.type)).toEqual(["CREATE", "ATTACH"]);
});
