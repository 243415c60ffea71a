// Every test file gets its own fresh SQLite database (all migrations applied) and data folder,
// set before any module creates the Prisma client. Pure tests simply never touch it.
import Database from "better-sqlite3";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

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
