process.env.LOG_LEVEL ??= "silent"; // structured request logs are for servers, not test output
// Every test file gets its own fresh SQLite database (all migrations applied) and data folder,
// set before any module creates the Prisma client. Pure tests simply never touch it.
import Database from "better-sqlite3";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { setClock } from "~/utils/clock";

const dir = mkdtempSync(path.join(tmpdir(), "ax-unit-"));
const file = path.join(dir, "app.db");
process.env.DATA_DIR = dir;
process.env.DATABASE_URL = `file:${file}`;

const migrations = path.resolve("prisma", "migrations");
const sqlite = new Database(file);
for (const folder of readdirSync(migrations).filter((d) => /^\d{14}_/.test(d)).sort()) {
  sqlite.exec(readFileSync(path.join(migrations, folder, "migration.sql"), "utf8"));
}
sqlite.close();

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The calendar is fixed for unit tests: the app's clock starts at a Wednesday morning in Korea and
// runs forward at real speed (so order and durations stay real), whatever day the suite runs on.
// Tests that need another moment move it with setClock/atTime from ~/utils/clock.
export const UNIT_TEST_EPOCH = new Date("2026-12-02T01:00:00Z");
const startedAt = Date.now();
setClock(() => UNIT_TEST_EPOCH.getTime() + (Date.now() - startedAt));
