import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Where the app keeps its database, secret and uploaded files (outside the web root). */
export const DATA_DIR = path.resolve(process.env.DATA_DIR ?? "data");

export const isProduction = process.env.NODE_ENV === "production";

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:./data/app.db";
}

/**
 * Demo mode (the seeded demo accounts and their shared password are meant to be used): DEMO_MODE=true,
 * or any run outside production unless DEMO_MODE=false. The login page shows the demo password only then.
 */
export function isDemoMode(): boolean {
  if (process.env.DEMO_MODE === "true") return true;
  if (process.env.DEMO_MODE === "false") return false;
  return !isProduction;
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
 * The session secret: SESSION_SECRET, or (outside production) a random one generated once and kept
 * in the data folder. In production a missing secret is a start-up error.
 */
export function sessionSecret(): string {
  if (secret) return secret;
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv) return (secret = fromEnv);
  if (isProduction) {
    throw new Error("SESSION_SECRET must be set in production (NODE_ENV=production).");
  }
  const file = path.join(DATA_DIR, "session-secret");
  if (existsSync(file)) return (secret = readFileSync(file, "utf8").trim());
  mkdirSync(DATA_DIR, { recursive: true });
  secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
