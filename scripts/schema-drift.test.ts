import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const prisma = path.resolve("node_modules", ".bin", "prisma");

/** Tables, columns and indexes of a SQLite database, in a comparable form. */
function shape(file: string) {
  const db = new Database(file, { readonly: true });
  // full-text tables (and the shadow tables SQLite keeps for them) are written by hand in migrations,
  // not described by the Prisma schema (docs/decisions/0011-search-index.md)
  const virtual = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").all() as { name: string }[]).map((t) => t.name);
  const tables = (db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name")
    .all() as { name: string }[]).filter(({ name }) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
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
    execFileSync(prisma, ["migrate", "deploy"], { stdio: "pipe", env: { ...process.env, DATABASE_URL: `file:${fromMigrations}` } });
    const sql = execFileSync(prisma, ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const fromSchema = path.join(dir, "schema.db");
    const db = new Database(fromSchema);
    db.exec(sql);
    db.close();
    expect(shape(fromMigrations)).toEqual(shape(fromSchema));
  }, 60_000);
});
