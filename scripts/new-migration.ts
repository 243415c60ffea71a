/**
 * Creates the next migration from the difference between prisma/migrations and the schema.
 * `prisma migrate dev` does not work with the WASM schema engine here (docs/decisions/0002).
 * Usage: npm run db:new-migration -- <name>
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("Usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const migrations = path.join("prisma", "migrations");
mkdirSync(migrations, { recursive: true });
const lock = path.join(migrations, "migration_lock.toml");
if (!existsSync(lock)) writeFileSync(lock, 'provider = "sqlite"\n');

const tmp = path.join(mkdtempSync(path.join(tmpdir(), "migration-")), "migration.sql");
execFileSync(
  "npx",
  ["prisma", "migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel",
    path.join("prisma", "schema.prisma"), "--script", "-o", tmp],
  { stdio: "inherit" },
);
const sql = readFileSync(tmp, "utf8");
if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE)\b/.test(sql)) {
  console.log("The schema matches the migrations: nothing to create.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrations, `${stamp}_${name}`);
mkdirSync(dir);
renameSync(tmp, path.join(dir, "migration.sql"));
console.log(`Created ${dir}/migration.sql`);
