/** Shared fixtures for database-backed unit tests (each test file has its own fresh database). */
import { seedOrganizationsAndUsers } from "~/modules/seed/seed.server";
import { expect } from "vitest";
import { dbEngine } from "~/utils/db.server";
import type { AppError } from "~/utils/errors";

let seeded: Promise<void> | undefined;

/** Organizations and the demo accounts (idempotent; once per test file). */
export function seedUsers(): Promise<void> {
  seeded ??= seedOrganizationsAndUsers();
  return seeded;
}

/** The error a promise rejects with (fails the test if it resolves), for asserting codes and statuses. */
export async function rejection(p: Promise<unknown>): Promise<AppError & { extra?: Record<string, unknown> }> {
  try {
    await p;
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected a rejection");
}

/**
 * That a read was kept (ADR 0029): the very same value on SQLite, where nothing else commits during a
 * test file. On PostgreSQL other test files commit to the same cluster meanwhile, which may drop it:
 * there only the content is compared.
 */
export function expectKept<T>(again: T, first: T): void {
  if (dbEngine === "postgresql") expect(again).toEqual(first);
  else expect(again).toBe(first);
}
