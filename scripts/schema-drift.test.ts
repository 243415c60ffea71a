import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, postgresSchemaText } from "./pg-schema";
import { createMigratedDatabase } from "./pg-cluster";
import { prismaMigrateCli } from "./prisma-cli";

/** Tables, columns and indexes of a SQLite database, in a comparable form. */
function shape(file: string) {
  const db = new Database(file, { readonly: true });
  // full-text tables (and the shadow tables SQLite keeps for them) are written by hand in migrations,
  // not described by the Prisma schema (docs/decisions/0011-search-index.md)
  const virtual = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").all() as { name: string }[]).map(
    (t) => t.name,
  );
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name").all() as {
      name: string;
    }[]
  ).filter(({ name }) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
  const result = tables.map(({ name }) => ({
    name,
    columns: db.prepare(`PRAGMA table_info("${name}")`).all(),
    indexes: (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[])
      .map((i) => ({ name: i.name, unique: i.unique, cols: db.prepare(`PRAGMA index_info("${i.name}")`).all() }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
  db.close();
  return result;
}

describe("database schema", () => {
  // `migrate diff --from-migrations` needs a shadow database that the WASM engine can't open here,
  // so the check compares a database built from the migrations with one built from the schema.
  it("has no drift between prisma/schema.prisma and prisma/migrations", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "drift-"));
    const fromMigrations = path.join(dir, "migrations.db");
    prismaMigrateCli(["migrate", "deploy"], { stdio: "pipe", env: { ...process.env, DATABASE_URL: `file:${fromMigrations}` } });
    const sql = prismaMigrateCli(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: `file:${fromMigrations}` },
    });
    const fromSchema = path.join(dir, "schema.db");
    const db = new Database(fromSchema);
    db.exec(sql);
    db.close();
    expect(shape(fromMigrations)).toEqual(shape(fromSchema));
  }, 60_000);
});

/** Tables, columns and indexes of a PostgreSQL database, in a comparable form. */
async function pgShape(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(`SELECT table_name, column_name, data_type, is_nullable, column_default, ordinal_position
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`);
    // the trigram indexes of the search table are written by hand (migration search_index), not described by the schema
    const indexes = await client.query(`SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND indexname NOT LIKE '%_trgm_idx' ORDER BY tablename, indexname`);
    const constraints = await client.query(`SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`);
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  } finally {
    await client.end();
  }
}

describe("PostgreSQL schema (ADR 0024)", () => {
  it("prisma/postgresql/schema.prisma is prisma/schema.prisma for PostgreSQL (npm run db:new-migration rewrites it)", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchemaText());
  });

  // needs a PostgreSQL server: `npm run test:pg` sets TEST_PG_URL
  it.skipIf(!process.env.TEST_PG_URL)(
    "has no drift between prisma/postgresql/schema.prisma and prisma/postgresql/migrations",
    async () => {
      const admin = process.env.TEST_PG_URL!;
      const suffix = Math.random().toString(36).slice(2, 8);
      const fromMigrations = await createMigratedDatabase(admin, `ax_drift_m_${suffix}`);
      const sql = prismaMigrateCli(["migrate", "diff", "--from-empty", "--to-schema-datamodel", POSTGRES_SCHEMA, "--script"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, DATABASE_URL: "file:./data/unused.db" },
      });
      const fromSchema = new URL(admin);
      fromSchema.pathname = `/ax_drift_s_${suffix}`;
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`CREATE DATABASE "ax_drift_s_${suffix}"`);
      await c.end();
      const s = new pg.Client({ connectionString: fromSchema.toString() });
      await s.connect();
      await s.query(sql);
      await s.end();
      try {
        expect(await pgShape(fromMigrations)).toEqual(await pgShape(fromSchema.toString()));
      } finally {
        const d = new pg.Client({ connectionString: admin });
        await d.connect();
        await d.query(`DROP DATABASE IF EXISTS "ax_drift_m_${suffix}" WITH (FORCE)`);
        await d.query(`DROP DATABASE IF EXISTS "ax_drift_s_${suffix}" WITH (FORCE)`);
        await d.end();
      }
    },
    120_000,
  );
});
