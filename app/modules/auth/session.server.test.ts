import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { db } from "~/utils/db.server";
import { setClock } from "~/utils/clock";
import { getUser, SESSION_TTL_MS, signIn, signOut, verifiedCookieCount } from "./session.server";

beforeAll(async () => {
  await seedUsers();
});

const failures = (email: string) => db.auditEvent.count({ where: { type: "LOGIN_FAILED", payload: { contains: `"${email}"` } } });

describe("signIn", () => {
  it("checks at most 5 of 30 parallel wrong passwords for one account from one client; the rest are 429 with Retry-After", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () => signIn({ email: "officer@mafra.go.kr", password: "wrong", clientKey: "203.0.113.1" })),
    );
    const statuses = results.map((r) => (r.status === "rejected" ? (r.reason as { status: number }).status : 200));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    const limited = results.find((r) => r.status === "rejected" && r.reason.status === 429) as PromiseRejectedResult;
    expect(limited.reason.extra.retryAfterSeconds).toBeGreaterThan(0);
    // every checked attempt is an audit event with the email as typed (normalized), never the password
    expect(await failures("officer@mafra.go.kr")).toBe(5);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: "LOGIN_FAILED" } });
    expect(JSON.parse(event.payload)).toEqual({ email: "officer@mafra.go.kr", client: "203.0.113.1" });
    expect(event.payload).not.toContain("wrong");
  });

  it("does not lock the account for everyone: the owner signs in from another address", async () => {
    for (let i = 0; i < 6; i++) await signIn({ email: "chair@msit.go.kr", password: "guess", clientKey: "203.0.113.2" }).catch(() => {});
    await expect(signIn({ email: "chair@msit.go.kr", password: "guess", clientKey: "203.0.113.2" })).rejects.toMatchObject({ status: 429 });
    const { user } = await signIn({ email: "chair@msit.go.kr", password: "ax-demo-2026", clientKey: "10.0.0.5" });
    expect(user.email).toBe("chair@msit.go.kr");
    const login = await db.auditEvent.findFirstOrThrow({ where: { type: "LOGIN", actorId: user.id } });
    expect(JSON.parse(login.payload)).toMatchObject({ client: "10.0.0.5" });
  });

  it("answers an unknown email exactly like a wrong password, and normalizes the email as typed", async () => {
    const unknown = await signIn({ email: "Nobody@AX.go.kr ", password: "x", clientKey: "203.0.113.3" }).catch((e) => e);
    const wrong = await signIn({ email: "officer@mnd.go.kr", password: "x", clientKey: "203.0.113.3" }).catch((e) => e);
    expect([unknown.status, unknown.messageKey]).toEqual([401, "auth.invalid"]);
    expect([wrong.status, wrong.messageKey]).toEqual([401, "auth.invalid"]);
    expect(await failures("nobody@ax.go.kr")).toBe(1);
  });
});

describe("one user lookup per request (issue 11)", () => {
  it("no route looks the session up itself: loaders and actions read the user the root middleware resolved", () => {
    // React Router hands loaders and actions a Request other than the middleware's, so a lookup by
    // request queried the session a second time (notifications, account password, PDFs … did)
    const routes = path.join(process.cwd(), "app", "routes");
    const files = readdirSync(routes, { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f) && !f.includes("+types"));
    expect(files.length).toBeGreaterThan(40);
    const lookups = files.filter((f) => /\bgetUser\(|\bresolveUser\(/.test(readFileSync(path.join(routes, f), "utf8")));
    expect(lookups).toEqual([]);
  });
});

describe("the session, read once per commit (issue 11)", () => {
  /** A fresh request carrying the cookie (the user is resolved once per request). */
  const page = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });
  async function session(email: string, clientKey: string) {
    const { setCookie } = await signIn({ email, password: "ax-demo-2026", clientKey });
    return setCookie.split(";")[0];
  }

  it("a signed-out session stops at once, though the same cookie was read just before", async () => {
    const cookie = await session("officer@mohw.go.kr", "198.51.100.1");
    expect((await getUser(page(cookie)))?.email).toBe("officer@mohw.go.kr");
    expect((await getUser(page(`lang=en; ${cookie}`)))?.email).toBe("officer@mohw.go.kr");
    await signOut(page(cookie));
    expect(await getUser(page(cookie))).toBeNull();
    expect(await getUser(page(`lang=en; ${cookie}`))).toBeNull();
  });

  it("a deactivated user is signed out at the next request; an altered cookie never signs in", async () => {
    const cookie = await session("officer@mnd.go.kr", "198.51.100.2");
    const user = await getUser(page(cookie));
    expect(user?.email).toBe("officer@mnd.go.kr");
    // the signature is checked: one character changed in the signed value is no session
    const [name, value] = cookie.split("=");
    // (a character of the signature that carries bits only: the last one may carry padding bits too)
    const at = value.length - 2;
    const altered = `${name}=${value.slice(0, at)}${value[at] === "A" ? "B" : "A"}${value.slice(at + 1)}`;
    expect(altered).not.toBe(cookie);
    expect(await getUser(page(altered))).toBeNull();
    await db.user.update({ where: { id: user!.id }, data: { active: false } });
    try {
      expect(await getUser(page(cookie))).toBeNull();
    } finally {
      await db.user.update({ where: { id: user!.id }, data: { active: true } });
    }
    expect((await getUser(page(cookie)))?.email).toBe("officer@mnd.go.kr");
  });

  it("keeps one verified cookie per session, whatever other cookies come with it", async () => {
    const cookie = await session("officer@mohw.go.kr", "198.51.100.4");
    expect((await getUser(page(cookie)))?.email).toBe("officer@mohw.go.kr");
    const kept = verifiedCookieCount();
    for (let i = 0; i < 20; i++) expect((await getUser(page(`junk${i}=${i}; ${cookie}; more=${i}`)))?.email).toBe("officer@mohw.go.kr");
    expect(verifiedCookieCount()).toBe(kept);
    // a cookie that does not verify is never kept
    const [name, value] = cookie.split("=");
    // (the third character from the end changes: the last one alone may differ only in padding bits)
    const forged = `${name}=${value.slice(0, -3)}${value.at(-3) === "x" ? "abc" : "xyz"}`;
    expect(await getUser(page(forged))).toBeNull();
    expect(verifiedCookieCount()).toBe(kept);
  });

  it("a session ends when it expires, with no write in between", async () => {
    const cookie = await session("approver@opm.go.kr", "198.51.100.3");
    expect(await getUser(page(cookie))).not.toBeNull();
    const restore = setClock(() => Date.now() + SESSION_TTL_MS + 60_000);
    try {
      expect(await getUser(page(cookie))).toBeNull();
    } finally {
      restore();
    }
  });
});
