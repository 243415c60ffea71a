/** Shared fixtures for database-backed unit tests (each test file has its own fresh database). */
import { seedOrganizationsAndUsers } from "~/modules/seed/seed.server";

let seeded: Promise<void> | undefined;

/** Organizations and the demo accounts (idempotent; once per test file). */
export function seedUsers(): Promise<void> {
  seeded ??= seedOrganizationsAndUsers();
  return seeded;
}
