/**
 * The e2e server's database, read (and in a few specs, tampered with) directly, to check what a test's
 * calls wrote or did not write. Follows the worker's `E2E_DATABASE_URL` (e2e/app-server.ts): a SQLite
 * file through better-sqlite3, or a `postgresql://…` database through `pg` (`npm run test:pg:e2e`).
 * Write the SQL portably: double-quoted identifiers and `?` placeholders (numbered here for
 * PostgreSQL; keep `?` out of string literals). Rows come back alike on both engines: counts and sums
 * as numbers, timestamps as ISO text (PostgreSQL's `timestamp(3)` columns hold UTC, as Prisma writes them).
 */
import Database from "better-sqlite3";
import pg from "pg";

function databaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: use `test` from e2e/fixtures.ts");
  return url;
}

const isPostgres = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/** bigint counts and numeric sums as numbers; `timestamp` (no zone, UTC by Prisma's convention) as ISO text. */
const PG_TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (v: string) => Number(v);
    if (oid === pg.types.builtins.TIMESTAMP) return (v: string) => `${v.replace(" ", "T")}Z`;
    if (oid === pg.types.builtins.TIMESTAMPTZ) return (v: string) => new Date(v).toISOString();
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

type Run = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: T[]; changes: number }>;

/** One connection for `work`, then closed: a read-only one on SQLite unless `write`. */
async function connected<T>(work: (run: Run) => Promise<T>, write = false): Promise<T> {
  const url = databaseUrl();
  if (isPostgres(url)) {
    const client = new pg.Client({ connectionString: url, types: PG_TYPES });
    await client.connect();
    try {
      return await work(async (sql, params = []) => {
        const result = await client.query(numbered(sql), params);
        return { rows: result.rows, changes: result.rowCount ?? 0 };
      });
    } finally {
      await client.end();
    }
  }
  const db = new Database(url.replace(/^file:/, ""), { readonly: !write, fileMustExist: true });
  try {
    return await work(async <R>(sql: string, params: unknown[] = []) => {
      const statement = db.prepare(sql);
      return statement.reader ? { rows: statement.all(...params) as R[], changes: 0 } : { rows: [], changes: statement.run(...params).changes };
    });
  } finally {
    db.close();
  }
}

/** Rows of one statement. */
export async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return connected(async (run) => (await run<T>(sql, params)).rows);
}

/** The first row of one statement. */
export async function queryOne<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await query<T>(sql, params))[0];
}

/** Runs one writing statement (a spec tampering with the data on purpose); returns the rows it changed. */
export async function execute(sql: string, params: unknown[] = []): Promise<number> {
  return connected(async (run) => (await run(sql, params)).changes, true);
}

/** Audit events of `type` whose payload contains `text`. */
export async function countEvents(type: string, text = ""): Promise<number> {
  const row = await queryOne<{ n: number }>(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "type" = ? AND "payload" LIKE ?`, [type, `%${text}%`]);
  return row!.n;
}

/** Counters every guarded update moves, and timestamps that mark an ending (revoked, released). */
const SUMMED = ["version", "revision", "allocated", "capacity", "totalGpus", "position"];
const SET = ["revokedAt", "releasedAt"];

/** The newest audit event of `type`. */
export async function lastEvent(type: string): Promise<{ actorId: string | null; requestId: string | null; payload: Record<string, unknown> } | undefined> {
  const row = await queryOne<{ actorId: string | null; requestId: string | null; payload: string }>(
    `SELECT "actorId", "requestId", "payload" FROM "AuditEvent" WHERE "type" = ? ORDER BY "seq" DESC LIMIT 1`,
    [type],
  );
  return row && { ...row, payload: JSON.parse(row.payload) };
}

/** Every table the app stores and its columns (no migration bookkeeping, no SQLite internals). */
async function tablesAndColumns(run: Run): Promise<Map<string, string[]>> {
  const tables = new Map<string, string[]>();
  if (isPostgres(databaseUrl())) {
    const { rows } = await run<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name NOT LIKE '\\_prisma%'
        ORDER BY c.table_name, c.ordinal_position`,
    );
    for (const r of rows) tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r.column_name]);
    return tables;
  }
  const { rows } = await run<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'`);
  // a full-text table's segments (its `_data` and `_idx` shadow tables) are merged in the background by
  // the server (ADR 0058): their rows change with no change of what is stored. The table itself and its
  // `_docsize` (one row per document) still count.
  const virtual = (await run<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'`)).rows.map(
    (t) => t.name,
  );
  const segments = new Set(virtual.flatMap((v) => [`${v}_data`, `${v}_idx`]));
  for (const { name } of rows.filter((r) => !segments.has(r.name)))
    tables.set(
      name,
      (await run<{ name: string }>(`PRAGMA table_info("${name}")`)).rows.map((c) => c.name),
    );
  return tables;
}

/**
 * A fingerprint of everything the app stores: rows per table and the sum of every version column, so
 * an insert, a delete or a guarded update anywhere changes it.
 */
export async function dataFingerprint(): Promise<Record<string, number>> {
  return connected(async (run) => (await run<Record<string, number>>(await fingerprintSql(run))).rows[0]);
}

/** The fingerprint as one statement, a scalar subquery per figure; made once per database (its tables do not change during a run). */
const fingerprintStatements = new Map<string, string>();
async function fingerprintSql(run: Run): Promise<string> {
  const url = databaseUrl();
  const kept = fingerprintStatements.get(url);
  if (kept) return kept;
  const figures: string[] = [];
  for (const [table, columns] of await tablesAndColumns(run)) {
    // a refused sign-in is recorded on purpose (LOGIN_FAILED), and on PostgreSQL counted in the shared
    // throttle table (ADR 0024): those are the writes a 4xx makes
    if (table === "SignInThrottle") continue;
    // AuditEvent, the one table narrowed, has none of the summed or counted columns
    const from = `FROM "${table}"${table === "AuditEvent" ? ` WHERE "type" <> 'LOGIN_FAILED'` : ""}`;
    figures.push(`(SELECT COUNT(*) ${from}) AS "${table}.rows"`);
    for (const column of SUMMED.filter((c) => columns.includes(c))) figures.push(`(SELECT COALESCE(SUM("${column}"), 0) ${from}) AS "${table}.${column}"`);
    for (const column of SET.filter((c) => columns.includes(c))) figures.push(`(SELECT COUNT("${column}") ${from}) AS "${table}.${column}"`);
  }
  const sql = `SELECT ${figures.join(", ")}`;
  fingerprintStatements.set(url, sql);
  return sql;
}
