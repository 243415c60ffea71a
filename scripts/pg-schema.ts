/**
 * The PostgreSQL copy of the datamodel (ADR 0024): prisma/postgresql/schema.prisma is
 * prisma/schema.prisma with another datasource provider and client output, nothing else. Written by
 * `npm run db:new-migration`; `scripts/schema-drift.test.ts` fails while it is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRES_DIR = path.join("prisma", "postgresql");
export const POSTGRES_SCHEMA = path.join(POSTGRES_DIR, "schema.prisma");
export const POSTGRES_MIGRATIONS = path.join(POSTGRES_DIR, "migrations");

const HEADER = "// GENERATED from ../schema.prisma by scripts/pg-schema.ts (npm run db:new-migration): edit that file, not this one.\n";

export function postgresSchemaText(sqliteSchema = readFileSync(SQLITE_SCHEMA, "utf8")): string {
  const replace = (text: string, from: RegExp, to: string) => {
    if (!from.test(text)) throw new Error(`prisma/schema.prisma: expected ${from} (scripts/pg-schema.ts)`);
    return text.replace(from, to);
  };
  let text = replace(sqliteSchema, /provider = "sqlite"/, 'provider = "postgresql"');
  text = replace(text, /output(\s+)= "\.\.\/app\/generated\/prisma"/, 'output$1= "../../app/generated/prisma-pg"');
  text = replace(text, /url(\s+)= "file:[^"]*"/, 'url$1= "postgresql://localhost/unused-the-adapter-connects"');
  return HEADER + text;
}

export function writePostgresSchema(): boolean {
  const text = postgresSchemaText();
  let current = "";
  try {
    current = readFileSync(POSTGRES_SCHEMA, "utf8");
  } catch {
    // no file yet: written below
  }
  if (current === text) return false;
  writeFileSync(POSTGRES_SCHEMA, text);
  return true;
}

if (/scripts[\\/]pg-schema\.ts$/.test(process.argv[1] ?? "")) {
  console.log(writePostgresSchema() ? `Wrote ${POSTGRES_SCHEMA}` : `${POSTGRES_SCHEMA} is up to date`);
}
