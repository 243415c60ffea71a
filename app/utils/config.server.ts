import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Where the app keeps its database, secret and uploaded files (outside the web root). */
export const DATA_DIR = path.resolve(process.env.DATA_DIR ?? "data");

/** React's build mode only (`npm start` always runs production). Not a policy switch: see below. */
export const isProduction = process.env.NODE_ENV === "production";

/**
 * Demo mode (ADR 0018): an empty database gets the demo accounts and data at start. On unless
 * SEED_DEMO=0 — a real deployment sets SEED_DEMO=0, which also makes the secret required and the
 * session cookie Secure.
 */
export const demoMode = process.env.SEED_DEMO !== "0";

/** SESSION_SECRET must be set: REQUIRE_SESSION_SECRET=1, or outside demo mode. */
export const sessionSecretRequired = process.env.REQUIRE_SESSION_SECRET === "1" || !demoMode;

/** Session cookie with `Secure` (HTTPS only): COOKIE_SECURE=1/0, by default outside demo mode. */
export const secureCookies = process.env.COOKIE_SECURE === "1" || (process.env.COOKIE_SECURE !== "0" && !demoMode);

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:./data/app.db";
}

/** SQLite: the database file DATABASE_URL names (`file:` taken off). */
export function sqliteFile(url = databaseUrl()): string {
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

/** Which database DATABASE_URL names: `postgresql://…` (or `postgres://…`) is PostgreSQL, anything else a SQLite file (ADR 0024). */
export function databaseEngine(url = databaseUrl()): "sqlite" | "postgresql" {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** The login page shows the demo password only in demo mode (SEED_DEMO≠0, ADR 0018). */
export function isDemoMode(): boolean {
  return demoMode;
}

/** Quorum of distinct approvers (one of them the chair) before a decision takes effect. */
export function signoffQuorum(): number {
  const n = Number(process.env.SIGNOFF_QUORUM ?? 2);
  return Number.isInteger(n) && n >= 1 ? n : 2;
}

/** Business days a submission may wait in screening before the queue marks it overdue. */
/**
 * May a conditionally approved request receive GPUs before its conditions are met?
 * ALLOCATE_CONDITIONALLY_APPROVED=true allows it (the conditions then stay open on the allocated request).
 */
export function allowConditionalAllocation(): boolean {
  return process.env.ALLOCATE_CONDITIONALLY_APPROVED === "true";
}

export function screeningDueBusinessDays(): number {
  const n = Number(process.env.SCREENING_DUE_BUSINESS_DAYS ?? 5);
  return Number.isInteger(n) && n >= 1 ? n : 5;
}

let secret: string | undefined;

/**
 * The session secret: SESSION_SECRET, or (when not required) a random one generated once and kept
 * in the data folder. A missing required secret is a start-up error.
 */
export function sessionSecret(): string {
  if (secret) return secret;
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv) return (secret = fromEnv);
  if (sessionSecretRequired) {
    throw new Error("SESSION_SECRET must be set (REQUIRE_SESSION_SECRET=1 or SEED_DEMO=0).");
  }
  const file = path.join(DATA_DIR, "session-secret");
  if (existsSync(file)) return (secret = readFileSync(file, "utf8").trim());
  mkdirSync(DATA_DIR, { recursive: true });
  secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
