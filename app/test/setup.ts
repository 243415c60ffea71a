process.env.LOG_LEVEL ??= "silent"; // structured request logs are for servers, not test output
// Every test file gets its own fresh database (all migrations applied) and data folder, set before
// any module creates the Prisma client. Pure tests simply never touch it.
// - SQLite (default): a new file with every migration of prisma/migrations applied.
// - PostgreSQL (TEST_PG_URL=postgresql://…/postgres, set by `npm run test:pg`): a new database
//   copied from the template that scripts/pg-test.ts migrated (TEST_PG_TEMPLATE), dropped afterwards.
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { setClock } from "~/utils/clock";

const dir = mkdtempSync(path.join(tmpdir(), "ax-unit-"));
process.env.DATA_DIR = dir;
// The folder goes last: vitest runs a file's after-hooks in reverse order, so this one runs after the
// PostgreSQL hook below, which stops a pending audit checkpoint (it writes into this folder). A file
// written into the folder while it is removed (ENOTEMPTY: the checkpoint on SQLite, where nothing stops
// it) is removed on a retry.
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 }));

const pgAdmin = process.env.TEST_PG_URL;
if (pgAdmin) {
  const pg = (await import("pg")).default;
  const name = `ax_unit_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgAdmin });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${process.env.TEST_PG_TEMPLATE ?? "ax_template"}"`);
  await admin.end();
  const url = new URL(pgAdmin);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  afterAll(async () => {
    // No checkpoint may start on a database being dropped; then close the pool, but never wait on it
    // for long: DROP … WITH (FORCE) ends any connection left (a disconnect once hung for the whole
    // hook timeout behind a checkpoint transaction that the disconnect cut off).
    const { cancelAuditCheckpoint } = await import("~/modules/audit/anchor.server");
    await cancelAuditCheckpoint();
    const { db } = await import("~/utils/db.server");
    await Promise.race([db.$disconnect(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    const drop = new pg.Client({ connectionString: pgAdmin });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await drop.end();
  });
} else {
  const file = path.join(dir, "app.db");
  process.env.DATABASE_URL = `file:${file}`;
  const migrations = path.resolve("prisma", "migrations");
  const sqlite = new Database(file);
  for (const folder of readdirSync(migrations)
    .filter((d) => /^\d{14}_/.test(d))
    .sort()) {
    sqlite.exec(readFileSync(path.join(migrations, folder, "migration.sql"), "utf8"));
  }
  sqlite.close();
}

// The calendar is fixed for unit tests: the app's clock starts at a Wednesday morning in Korea and
// runs forward at real speed (so order and durations stay real), whatever day the suite runs on.
// Tests that need another moment move it with setClock/atTime from ~/utils/clock.
export const UNIT_TEST_EPOCH = new Date("2026-12-02T01:00:00Z");
const startedAt = Date.now();
setClock(() => UNIT_TEST_EPOCH.getTime() + (Date.now() - startedAt));
