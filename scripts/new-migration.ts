/**
 * Creates the next migration: `prisma migrate diff` between the schema as of the last migration
 * (each migration folder keeps a copy, `schema.prisma`) and prisma/schema.prisma. Neither
 * `migrate dev` nor `--from-migrations` works with the WASM engine here (docs/decisions/0002).
 * Usage: npm run db:new-migration -- <name>
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("Usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const migrations = path.join("prisma", "migrations");
const schema = path.join("prisma", "schema.prisma");
mkdirSync(migrations, { recursive: true });
const lock = path.join(migrations, "migration_lock.toml");
if (!existsSync(lock)) writeFileSync(lock, 'provider = "sqlite"\n');

const last = readdirSync(migrations).filter((d) => /^\d{14}_/.test(d)).sort().at(-1);
const from = last ? ["--from-schema-datamodel", path.join(migrations, last, "schema.prisma")] : ["--from-empty"];
if (last && !existsSync(from[1])) {
  console.error(`${from[1]} is missing: every migration folder keeps the schema it was made from.`);
  process.exit(1);
}
const sql = execFileSync(path.resolve("node_modules", ".bin", "prisma"), ["migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE)\b/.test(sql)) {
  console.log("The schema matches the migrations: nothing to create.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrations, `${stamp}_${name}`);
mkdirSync(dir);
writeFileSync(path.join(dir, "migration.sql"), sql);
copyFileSync(schema, path.join(dir, "schema.prisma"));
console.log(`Created ${dir}/migration.sql`);
