/**
 * Creates the next migration of both tracks (ADR 0024): `prisma migrate diff` between the schema as
 * of the last migration (each migration folder keeps a copy, `schema.prisma`) and the current one —
 * prisma/schema.prisma → prisma/migrations (SQLite), and its PostgreSQL copy (rewritten first by
 * scripts/pg-schema.ts) → prisma/postgresql/migrations. Neither `migrate dev` nor
 * `--from-migrations` works with the WASM engine here (docs/decisions/0002).
 * Hand-written SQL (triggers, like the search index) must be written for each engine.
 * Usage: npm run db:new-migration -- <name>
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prismaMigrateCli } from "./prisma-cli";
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA, SQLITE_SCHEMA, writePostgresSchema } from "./pg-schema";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("Usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

function newMigration(track: { schema: string; migrations: string; provider: string }): void {
  mkdirSync(track.migrations, { recursive: true });
  const lock = path.join(track.migrations, "migration_lock.toml");
  if (!existsSync(lock)) writeFileSync(lock, `provider = "${track.provider}"\n`);

  const last = readdirSync(track.migrations)
    .filter((d) => /^\d{14}_/.test(d))
    .sort()
    .at(-1);
  const from = last ? ["--from-schema-datamodel", path.join(track.migrations, last, "schema.prisma")] : ["--from-empty"];
  if (last && !existsSync(from[1])) {
    console.error(`${from[1]} is missing: every migration folder keeps the schema it was made from.`);
    process.exit(1);
  }
  const sql = prismaMigrateCli(["migrate", "diff", ...from, "--to-schema-datamodel", track.schema, "--script"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE)\b/.test(sql)) {
    console.log(`${track.provider}: the schema matches the migrations, nothing to create.`);
    return;
  }
  const dir = path.join(track.migrations, `${stamp}_${name}`);
  mkdirSync(dir);
  writeFileSync(path.join(dir, "migration.sql"), sql);
  copyFileSync(track.schema, path.join(dir, "schema.prisma"));
  console.log(`Created ${dir}/migration.sql`);
}

writePostgresSchema();
newMigration({ schema: SQLITE_SCHEMA, migrations: path.join("prisma", "migrations"), provider: "sqlite" });
newMigration({ schema: POSTGRES_SCHEMA, migrations: POSTGRES_MIGRATIONS, provider: "postgresql" });
