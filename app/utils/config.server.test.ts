import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function configWith(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  vi.resetModules();
  return import("./config.server");
}

describe("start-up switches (ADR 0018): independent of NODE_ENV", () => {
  it("demo mode by default, also in production mode: no secret required, cookie not Secure", async () => {
    const c = await configWith({ NODE_ENV: "production", SEED_DEMO: undefined, REQUIRE_SESSION_SECRET: undefined, COOKIE_SECURE: undefined });
    expect(c.demoMode).toBe(true);
    expect(c.sessionSecretRequired).toBe(false);
    expect(c.secureCookies).toBe(false);
  });

  it("SEED_DEMO=0 is a real deployment: secret required, Secure cookie (COOKIE_SECURE=0 turns it off)", async () => {
    const c = await configWith({ SEED_DEMO: "0", SESSION_SECRET: undefined, COOKIE_SECURE: undefined });
    expect(c.demoMode).toBe(false);
    expect(c.sessionSecretRequired).toBe(true);
    expect(c.secureCookies).toBe(true);
    expect(() => c.sessionSecret()).toThrow(/SESSION_SECRET/);
    expect((await configWith({ SEED_DEMO: "0", COOKIE_SECURE: "0" })).secureCookies).toBe(false);
  });

  it("REQUIRE_SESSION_SECRET=1 requires the secret in demo mode too", async () => {
    const c = await configWith({ SEED_DEMO: undefined, REQUIRE_SESSION_SECRET: "1", SESSION_SECRET: undefined });
    expect(c.demoMode).toBe(true);
    expect(() => c.sessionSecret()).toThrow(/SESSION_SECRET/);
    const given = await configWith({ REQUIRE_SESSION_SECRET: "1", SESSION_SECRET: "s3cret-for-the-test" });
    expect(given.sessionSecret()).toBe("s3cret-for-the-test");
  });
});

describe("DATABASE_URL chooses the engine (ADR 0024)", () => {
  it("postgresql:// and postgres:// are PostgreSQL; file: and anything else a SQLite file", async () => {
    const { databaseEngine } = await configWith({});
    expect(databaseEngine("postgresql://ax:secret@db:5432/ax")).toBe("postgresql");
    expect(databaseEngine("postgres://ax@localhost/ax")).toBe("postgresql");
    expect(databaseEngine("file:./data/app.db")).toBe("sqlite");
    expect(databaseEngine("./data/postgresql.db")).toBe("sqlite");
  });
});
