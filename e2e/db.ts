import Database from "better-sqlite3";

/** The e2e server's database, read-only, for checking what a test's calls wrote (or did not write). */
export function openDb(): Database.Database {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set (playwright.config.ts sets it)");
  return new Database(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
}

/** Audit events of `type` whose payload contains `text`. */
export function countEvents(type: string, text = ""): number {
  const db = openDb();
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "type" = ? AND "payload" LIKE ?`).get(type, `%${text}%`) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Counters every guarded update moves, and timestamps that mark an ending (revoked, released). */
const SUMMED = ["version", "revision", "allocated", "capacity", "totalGpus", "position"];
const SET = ["revokedAt", "releasedAt"];

/** The newest audit event of `type`. */
export function lastEvent(type: string): { actorId: string | null; requestId: string | null; payload: Record<string, unknown> } | undefined {
  const db = openDb();
  try {
    const row = db.prepare(`SELECT "actorId", "requestId", "payload" FROM "AuditEvent" WHERE "type" = ? ORDER BY "seq" DESC LIMIT 1`).get(type) as { actorId: string | null; requestId: string | null; payload: string } | undefined;
    return row && { ...row, payload: JSON.parse(row.payload) };
  } finally {
    db.close();
  }
}

/**
 * A fingerprint of everything the app stores: rows per table and the sum of every version column, so
 * an insert, a delete or a guarded update anywhere changes it.
 */
export function dataFingerprint(): Record<string, number> {
  const db = openDb();
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'`).all() as { name: string }[]).map((t) => t.name);
    const out: Record<string, number> = {};
    for (const table of tables) {
      const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
      // a refused sign-in is recorded on purpose (LOGIN_FAILED): it is the one write a 4xx makes
      const where = table === "AuditEvent" ? ` WHERE "type" <> 'LOGIN_FAILED'` : "";
      out[`${table}.rows`] = (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"${where}`).get() as { n: number }).n;
      for (const column of SUMMED.filter((c) => columns.includes(c))) {
        out[`${table}.${column}`] = (db.prepare(`SELECT COALESCE(SUM("${column}"), 0) AS n FROM "${table}"`).get() as { n: number }).n;
      }
      for (const column of SET.filter((c) => columns.includes(c))) {
        out[`${table}.${column}`] = (db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE "${column}" IS NOT NULL`).get() as { n: number }).n;
      }
    }
    return out;
  } finally {
    db.close();
  }
}
