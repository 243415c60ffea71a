/**
 * Requests per ministry and state (table RequestStateCount, ADR 0019), changed in the same transaction
 * as each state change — a request created, an event that moves it — so the list's per-state counts and
 * the screening count read a few rows instead of counting the requests table. Portable SQL (SQLite and
 * PostgreSQL both have INSERT … ON CONFLICT DO UPDATE), on the lean write path (ADR 0050).
 */
import type { Tx } from "~/utils/db.server";
import { leanAll } from "~/utils/lean-read.server";
import { txRun } from "~/utils/lean-write.server";

/** One request of `organizationId` moved from `from` (null: created) to `to`. Inside the caller's transaction. */
export async function countStateChange(tx: Tx, organizationId: string, from: string | null, to: string): Promise<void> {
  if (from === to) return;
  if (from !== null) {
    await txRun(tx, 'UPDATE "RequestStateCount" SET "count" = "count" - 1 WHERE "organizationId" = ? AND "state" = ?', [organizationId, from]);
  }
  await txRun(
    tx,
    `INSERT INTO "RequestStateCount" ("organizationId", "state", "count") VALUES (?, ?, 1)
    ON CONFLICT ("organizationId", "state") DO UPDATE SET "count" = "RequestStateCount"."count" + 1`,
    [organizationId, to],
  );
}

/**
 * Requests per state in `scope` (one ministry, or all): a few rows, whatever the number of requests.
 * Read on the lean path (ADR 0025): committed counts, outside any transaction.
 */
export async function stateCounts(scope: { organizationId?: string }): Promise<Record<string, number>> {
  type Row = { state: string; count: number };
  const rows = scope.organizationId
    ? await leanAll<Row>('SELECT "state", "count" FROM "RequestStateCount" WHERE "organizationId" = ? AND "count" > 0', [scope.organizationId])
    : await leanAll<Row>('SELECT "state", "count" FROM "RequestStateCount" WHERE "count" > 0');
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.state] = (counts[r.state] ?? 0) + Number(r.count);
  return counts;
}
