/**
 * The lean write path (ADR 0050): the statements every workflow event runs inside its transaction (the
 * guarded update, the per-state counts, the audit chain's head and new event, the notifications) go
 * straight to the database instead of through Prisma's query compiler, client and adapter. Each Prisma
 * query cost about a quarter of a millisecond of CPU on this machine kind; an event ran eight.
 *
 * Rules, as for the lean read path (lean-read.server.ts):
 * - Only inside the caller's Prisma transaction (`tx`), never on `db`: on SQLite the statements run on
 *   the app's one connection, which the transaction holds (Prisma's adapter lets one transaction at a
 *   time have it), so they commit or roll back with the Prisma queries around them. On PostgreSQL they go
 *   through the transaction's raw query (`tx.$queryRawUnsafe`), in the same transaction.
 * - Plain SQL that both engines accept: double-quoted identifiers, `?` placeholders (numbered `$1…` for
 *   PostgreSQL here), no engine's own functions. Every statement lives in the service that owns the data.
 * - Values are stored as Prisma stores them: a Date on SQLite as Prisma's ISO text (`…+00:00`), a boolean
 *   as 0/1; PostgreSQL takes both as they are.
 */
import { randomBytes } from "node:crypto";
import { databaseEngine } from "./config.server";
import { db, sqliteLeanStatement, transactionMark, type Tx } from "./db.server";
import { numbered, plainRow } from "./lean-read.server";

const onPostgres = databaseEngine() === "postgresql";

/** A value as the SQLite adapter stores it (adapter-better-sqlite3's own conversion). */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}

function sqliteStatement(tx: Tx, sql: string) {
  // the connection is only ours between the transaction's BEGIN and its end
  if ((tx as unknown) === db || transactionMark() !== null) throw new Error("lean write outside a transaction");
  const statement = sqliteLeanStatement(sql);
  if (!statement) throw new Error("lean write before the database connection opened");
  return statement;
}

/** All rows of a statement inside the transaction (`?` placeholders). */
export async function txAll<T>(tx: Tx, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  if (onPostgres) return ((await tx.$queryRawUnsafe<Record<string, unknown>[]>(numbered(sql), ...params)) ?? []).map(plainRow) as T[];
  return sqliteStatement(tx, sql).all(...params.map(sqliteValue)) as T[];
}

/** Runs a statement that changes rows inside the transaction; the number of rows it changed. */
export async function txRun(tx: Tx, sql: string, params: readonly unknown[] = []): Promise<number> {
  if (onPostgres) return tx.$executeRawUnsafe(numbered(sql), ...params);
  return sqliteStatement(tx, sql).run(...params.map(sqliteValue)).changes;
}

let counter = 0;

/**
 * A new row id for an insert on this path, shaped like Prisma's `cuid()` (a letter, the time, a
 * counter, randomness): unique, and in creation order within a process like the ids Prisma makes.
 */
export function newRowId(): string {
  counter = (counter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${randomBytes(8).toString("hex").slice(0, 12)}`;
}
