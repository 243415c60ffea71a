/** Shared fixtures for database-backed unit tests (each test file has its own fresh database). */
import { seedOrganizationsAndUsers } from "~/modules/seed/seed.server";
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
