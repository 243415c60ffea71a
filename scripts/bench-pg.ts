/**
 * The PostgreSQL side of `npm run bench` (scripts/bench-http.ts, ADR 0024): where the scratch databases
 * live, and inflating one to `size` requests in a few set-based statements (INSERT … SELECT over
 * generate_series, the history chain as one INSERT over unnest) instead of row by row. The same rows
 * as the SQLite fill: cloned requests spread over a year and over the ministries, a batch of screening
 * requests for the workflow run, one request with a long hash-chained history, recounted state counts.
 *
 * The server is DATABASE_URL when it is `postgresql://…` (its database is only used to create and drop
 * `ax_bench_<size>`; the role needs CREATEDB), or with `--pg` a throwaway cluster
 * (scripts/pg-cluster.ts). Only a loopback host is accepted: the bench never loads another machine.
 */
import pg from "pg";
import { auditHash, canonicalJson } from "../app/modules/audit/audit.server";
import { RECOUNT_STATE_COUNTS_SQL } from "../app/modules/requests/state-counts.sql";
import { recountStayTotalsSql } from "../app/modules/stats/stay-totals.sql";
import { createMigratedDatabase, dropDatabase, startCluster } from "./pg-cluster";

export interface PgServer {
  admin: string;
  createDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  close(): void;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** The PostgreSQL server the bench uses, or null for SQLite. */
export async function benchPgServer(): Promise<PgServer | null> {
  const fromEnv = process.env.DATABASE_URL;
  const external = fromEnv && /^postgres(ql)?:\/\//i.test(fromEnv) ? fromEnv : null;
  if (!external && !process.argv.includes("--pg")) return null;
  if (external && !LOOPBACK.has(new URL(external).hostname)) {
    throw new Error(`the bench only loads 127.0.0.1: DATABASE_URL points at ${new URL(external).hostname}`);
  }
  const cluster = external ? null : await startCluster();
  const admin = external ?? cluster!.url;
  if (cluster) process.once("exit", () => cluster.stop());
  return {
    admin,
    createDatabase: (name) => createMigratedDatabase(admin, name),
    dropDatabase: (name) => dropDatabase(admin, name),
    close: () => cluster?.stop(),
  };
}

/** Rows of one statement on `url` (a connection of its own; counts as numbers). */
export async function pgRows<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const TEMPLATE_STATES = ["draft", "screening", "revision", "jointPlanning", "withdrawn", "rejected"];

/**
 * The demo database at `url` (seeded by the production start) inflated to `size` requests, with
 * `workflowBatch` screening requests named bench-t-* and one request with `historyEvents` events.
 */
export async function inflatePostgres(
  url: string,
  { size, workflowBatch, historyEvents, officerEmail }: { size: number; workflowBatch: number; historyEvents: number; officerEmail: string },
): Promise<{ historyRequestId: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[];
    const columns = (
      await q<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'DemandRequest' ORDER BY ordinal_position`,
      )
    ).map((c) => c.column_name);
    const [{ n: existing }] = await q<{ n: number }>(`SELECT COUNT(*)::int AS n FROM "DemandRequest"`);
    const [{ n: templateCount }] = await q<{ n: number }>(`SELECT COUNT(*)::int AS n FROM "DemandRequest" WHERE "state" = ANY($1)`, [TEMPLATE_STATES]);
    const [{ n: ministryCount }] = await q<{ n: number }>(`SELECT COUNT(*)::int AS n FROM "Organization" WHERE "kind" = 'MINISTRY'`);
    const batch = Math.min(workflowBatch, Math.max(0, size - existing));
    const clones = Math.max(0, size - existing - batch);
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 23).replace("T", " "); // timestamp(3) holds UTC

    await q("BEGIN");
    // the clones: template k = g mod templates (oldest first), ministry g mod ministries (by code), dates spread over 360 days
    const cloneExpr: Record<string, string> = {
      id: `'bench-' || g`,
      reference: `CASE WHEN t."reference" IS NULL THEN NULL ELSE 'AX-2025-' || lpad(g::text, 6, '0') END`,
      title: `CASE WHEN t."title" IS NULL THEN NULL ELSE t."title" || ' ' || g END`,
      organizationId: `m."id"`,
      // sizes vary, as real requests' do (bench-http.ts the same)
      gpusRequested: `CASE WHEN t."gpusRequested" IS NULL THEN NULL ELSE 8 + (g * 37) % 600 END`,
      durationMonths: `CASE WHEN t."durationMonths" IS NULL THEN NULL ELSE 3 + g % 22 END`,
      createdAt: `d.at`,
      updatedAt: `d.at`,
      submittedAt: `CASE WHEN t."submittedAt" IS NULL THEN NULL ELSE d.at END`,
    };
    await q(
      `INSERT INTO "DemandRequest" (${columns.map((c) => `"${c}"`).join(", ")})
       SELECT ${columns.map((c) => cloneExpr[c] ?? `t."${c}"`).join(", ")}
         FROM generate_series(0, $1::int - 1) AS g
         JOIN (SELECT r.*, row_number() OVER (ORDER BY "createdAt", "id") - 1 AS k FROM "DemandRequest" r WHERE "state" = ANY($2)) t ON t.k = g % $3::int
         JOIN (SELECT o."id", row_number() OVER (ORDER BY "code") - 1 AS k FROM "Organization" o WHERE "kind" = 'MINISTRY') m ON m.k = g % $4::int
         CROSS JOIN LATERAL (SELECT $5::timestamp + (g::float8 / $1::int * 360) * interval '1 day' AS at) d`,
      [clones, TEMPLATE_STATES, templateCount, ministryCount, yearAgo],
    );
    // the workflow batch: screening requests of the (first) screening template's ministry
    const [screening] = await q<{ id: string }>(
      `SELECT "id" FROM "DemandRequest" WHERE "state" = 'screening' AND "id" NOT LIKE 'bench-%' ORDER BY "createdAt", "id" LIMIT 1`,
    );
    const batchExpr: Record<string, string> = {
      id: `'bench-t-' || g`,
      reference: `'AX-2024-' || lpad(g::text, 6, '0')`,
      title: `'처리량 측정 ' || g`,
      createdAt: `d.at`,
      updatedAt: `d.at`,
      submittedAt: `d.at`,
    };
    await q(
      `INSERT INTO "DemandRequest" (${columns.map((c) => `"${c}"`).join(", ")})
       SELECT ${columns.map((c) => batchExpr[c] ?? `t."${c}"`).join(", ")}
         FROM generate_series(0, $1::int - 1) AS g
         CROSS JOIN (SELECT * FROM "DemandRequest" WHERE "id" = $2) t
         CROSS JOIN LATERAL (SELECT $3::timestamp + g * interval '1 second' AS at) d`,
      [batch, screening.id, yearAgo],
    );

    // one request with a long history, appended to the hash chain like real events (hashed here, inserted as one statement)
    const [{ id: actor }] = await q<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = $1`, [officerEmail]);
    const [head] = await q<{ seq: number; hash: string }>(`SELECT "seq", "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1`);
    const rows = { seq: [] as number[], payload: [] as string[], at: [] as string[], prevHash: [] as string[], hash: [] as string[] };
    let prev = head.hash;
    const t0 = Date.now() - historyEvents * 60_000;
    for (let k = 1; k <= historyEvents; k++) {
      const seq = head.seq + k;
      const at = new Date(t0 + k * 60_000);
      const payload = canonicalJson({ fields: ["title"], changes: { title: { from: `제목 ${k - 1}`, to: `제목 ${k}` } } });
      const hash = auditHash(prev, { seq, requestId: screening.id, actorId: actor, type: "EDIT", fromState: "screening", toState: "screening", payload, at });
      rows.seq.push(seq);
      rows.payload.push(payload);
      rows.at.push(at.toISOString().slice(0, 23).replace("T", " "));
      rows.prevHash.push(prev);
      rows.hash.push(hash);
      prev = hash;
    }
    await q(
      `INSERT INTO "AuditEvent" ("seq", "requestId", "actorId", "type", "fromState", "toState", "payload", "at", "prevHash", "hash")
       SELECT e.seq, $1, $2, 'EDIT', 'screening', 'screening', e.payload, e.at, e.prev, e.hash
         FROM unnest($3::int[], $4::text[], $5::timestamp[], $6::text[], $7::text[]) AS e(seq, payload, at, prev, hash)`,
      [screening.id, actor, rows.seq, rows.payload, rows.at, rows.prevHash, rows.hash],
    );
    for (const sql of RECOUNT_STATE_COUNTS_SQL) await q(sql); // rows inserted around the services
    for (const sql of recountStayTotalsSql("postgresql")) await q(sql); // and the time-in-state totals (ADR 0054)
    await q("COMMIT");
    await q("ANALYZE");
    return { historyRequestId: screening.id };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
