/**
 * The lean read path (ADR 0025): the hottest reads of every page (the session's user, the header's
 * unread count, the "has anything changed" check behind the layout's cache) go straight to SQLite
 * through prepared statements kept for the life of the process, instead of through Prisma's query
 * compiler, client and adapter (about a millisecond of CPU per query on this machine kind, the
 * statement itself a few microseconds).
 *
 * Rules, so the path stays small and portable:
 * - Reads only, and only outside transactions: the lean connection is a second connection (query_only)
 *   to the same database file, so it sees committed data (WAL readers never block the writer).
 * - Every statement lives in the service module that owns the data, behind that module's function,
 *   and is plain SQL that PostgreSQL also accepts: double-quoted identifiers, `?` placeholders (this
 *   module is the one place that would number them `$1…` for PostgreSQL), no SQLite functions.
 *   Date columns come back as the ISO text Prisma stored; `leanDate` turns them into Dates.
 * - `PRAGMA data_version` (SQLite) tells whether any other connection committed since the last look:
 *   `memoUntilWrite` keeps a derived value until the next commit to the database (any table, any
 *   process) or until its key changes.
 * - On PostgreSQL (ADR 0024) there is no second connection: the same statements go through Prisma's raw
 *   query (placeholders numbered `$1…`, COUNT's bigint back to a number), and `memoUntilWrite` checks
 *   the current snapshot instead of `data_version`, which every instance's commits change (ADR 0029).
 */
import Database from "better-sqlite3";
import { databaseEngine, sqliteFile } from "./config.server";
import { db as prisma, transactionMark } from "./db.server";

type Statement = Database.Statement<unknown[], unknown>;

interface Lean {
  db: Database.Database;
  statements: Map<string, Statement>;
  /** The file it was opened on (tests give every file its own database). */
  file: string;
}

const globalForLean = globalThis as unknown as { __leanRead?: Lean };

function lean(): Lean {
  const file = sqliteFile();
  let l = globalForLean.__leanRead;
  if (!l || l.file !== file || !l.db.open) {
    l?.db.close();
    // read-write open (a read-only one cannot create a WAL's shared memory) but refusing writes
    const db = new Database(file, { fileMustExist: true });
    db.pragma("query_only = 1");
    db.pragma("busy_timeout = 1000"); // WAL readers are not blocked by the writer; never stall the event loop long
    l = globalForLean.__leanRead = { db, statements: new Map(), file };
    dataVersionSeen = null; // a new connection counts from its own start
  }
  return l;
}

function statement(sql: string): Statement {
  const l = lean();
  let st = l.statements.get(sql);
  if (!st) l.statements.set(sql, (st = l.db.prepare(sql)));
  return st;
}

const onPostgres = databaseEngine() === "postgresql";

/** `?` placeholders → PostgreSQL's `$1…` (the statements have no `?` inside string literals). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A PostgreSQL row with COUNT's bigint as a number, like SQLite gives it. */
export function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(row)) if (typeof v === "bigint") row[k] = Number(v);
  return row;
}

/** All rows of a portable read-only statement (`?` placeholders). */
export async function leanAll<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
  if (onPostgres) {
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(numbered(sql), ...params);
    return rows.map(plainRow) as T[];
  }
  return statement(sql).all(...params) as T[];
}

/** The first row, or undefined. */
export async function leanGet<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
  if (onPostgres) return (await leanAll<T>(sql, params))[0];
  return statement(sql).get(...params) as T | undefined;
}

/** A DATETIME column as Prisma stored it (SQLite: ISO text or epoch milliseconds; PostgreSQL: a Date) → Date. */
export function leanDate(value: string | number | Date | null): Date | null {
  if (value === null || value === undefined) return null;
  return new Date(value);
}

/**
 * The last `PRAGMA data_version` read, reused until the event loop's turn ends or a transaction of this
 * process starts or ends (`transactionMark`): a page calls `memoUntilWrite` ten to fifteen times, and the
 * pragma was about 5 % of a page's CPU under load. The app's own commits change the mark, so a loader
 * that runs after its request's action still sees that commit. Another process's commit is seen from
 * the next turn: what the request reads is then the database as of its turn began.
 */
let dataVersionSeen: { mark: number; version: number } | null = null;
let dataVersionReads = 0;

/** SQLite: a value that changes whenever another connection (the app writes through Prisma's) has committed since the last call. */
function sqliteDataVersion(): number {
  const mark = transactionMark();
  if (dataVersionSeen !== null && dataVersionSeen.mark === mark) return dataVersionSeen.version;
  dataVersionReads++;
  const version = statement("PRAGMA data_version").pluck().get() as number; // prepared once (`pragma()` prepares per call)
  if (mark !== null) {
    if (dataVersionSeen === null) setImmediate(() => (dataVersionSeen = null));
    dataVersionSeen = { mark, version };
  }
  return version;
}

/** Tests: how many times `PRAGMA data_version` was read. */
export function dataVersionReadCount(): number {
  return dataVersionReads;
}

/**
 * PostgreSQL: the current snapshot (`pg_current_snapshot()`: xmin, xmax and the transactions in
 * progress). It is the same text only if no transaction that wrote anything has finished meanwhile, by any
 * instance; work in other databases of the cluster changes it too, which only costs a recomputation.
 * (Not the WAL position: a commit's record is in the WAL before the commit is visible, so a value
 * computed in between would be kept with the new position.) Null when it cannot be read: nothing is kept.
 */
async function postgresSnapshot(): Promise<string | null> {
  try {
    const [row] = await prisma.$queryRawUnsafe<{ snapshot: string }[]>("SELECT pg_current_snapshot()::text AS snapshot");
    return row?.snapshot ?? null;
  } catch {
    return null;
  }
}

/**
 * What `memoUntilWrite` keeps, in spaces of their own, each bounded (the oldest entry goes first):
 * - `derived`: values derived for pages (the screening queue, the plans, the statistics…);
 * - `sessions`: one row per signed-in session. Kept apart so that many people signed in at once never
 *   push the pages' values out (each would cost a recomputation), nor those the sessions;
 * - `documents`: whole HTML documents (ADR 0062), each up to `KEPT_DOCUMENT_MAX_BYTES`, so at most a few
 *   tens of megabytes, and never pushing out the smaller values above.
 */
const MEMO_LIMITS = { derived: 2_000, sessions: 10_000, documents: 200 } as const;
export type MemoSpace = keyof typeof MEMO_LIMITS;
type Memo = Map<string, { version: string; value: Promise<unknown> }>;
const memos: Record<MemoSpace, Memo> = { derived: new Map(), sessions: new Map(), documents: new Map() };

/**
 * `compute()`'s value, kept until the next commit to the database or until `version` (e.g. today's date
 * for values that age by the day) changes. For values derived only from the database and the given key.
 * The database's position is read before `compute()` runs, so a commit that lands while it runs makes
 * the next call compute again. On PostgreSQL the position is the current snapshot, one query that
 * other instances' commits change too (ADR 0029).
 */
export function memoUntilWrite<T>(
  key: string,
  version: string,
  compute: () => Promise<T>,
  space: MemoSpace = "derived",
  /** whether a computed value may be kept (one that may not is still the answer of the calls that waited on it) */
  keepable: (value: T) => boolean = () => true,
): Promise<T> {
  const memo = memos[space];
  if (onPostgres)
    return postgresSnapshot().then((snapshot) =>
      snapshot === null ? compute() : remember(memo, MEMO_LIMITS[space], key, `${snapshot}|${version}`, compute, keepable),
    );
  // SQLite: Prisma's reads share the connection with any open transaction and see its writes before
  // it commits; a value read while one was open (or started or ended) is not kept (db.server.ts)
  const mark = transactionMark();
  return remember(
    memo,
    MEMO_LIMITS[space],
    key,
    `${sqliteDataVersion()}|${version}`,
    compute,
    (value) => mark !== null && transactionMark() === mark && keepable(value),
  );
}

/** Tests: how many values a space keeps. */
export function memoSize(space: MemoSpace): number {
  return memos[space].size;
}

function remember<T>(memo: Memo, limit: number, key: string, v: string, compute: () => Promise<T>, keep: (value: T) => boolean): Promise<T> {
  const hit = memo.get(key);
  if (hit && hit.version === v) return hit.value as Promise<T>;
  const value = compute();
  if (memo.size >= limit) memo.delete(memo.keys().next().value!);
  memo.set(key, { version: v, value });
  const forget = () => {
    if (memo.get(key)?.value === value) memo.delete(key);
  };
  value.then((kept) => keep(kept) || forget(), forget); // never keep a failure
  return value;
}

/**
 * Closes the lean connection (shutdown; scripts between steps). What it kept goes too: the next
 * connection's `PRAGMA data_version` counts from the start again and could match a kept value's.
 */
export function closeLeanRead(): void {
  globalForLean.__leanRead?.db.close();
  globalForLean.__leanRead = undefined;
  dataVersionSeen = null;
  for (const memo of Object.values(memos)) memo.clear();
}
