/**
 * Upkeep of SQLite's full-text indexes of the search (ADR 0058): their segments merged in the
 * background, a bounded step at a time.
 *
 * FTS5 writes every insert into the index as a new small segment and merges them only now and then,
 * so an index written one record at a time holds 10–25 segments. A search looks each of its words up
 * in every segment: at 100,000 requests, finding a ministry's newest matches took 0.3–0.7 ms of
 * SQLite time against 0.08 ms in one merged segment, on every search. This worker merges each index's
 * segments level by level (`usermerge` = 2, migration `search_index_merge`): at most `MERGE_PAGES`
 * pages per step (about 4 ms on this machine kind), in a transaction of the app's one connection like
 * any write, with the event loop free between steps.
 */
import { db } from "~/utils/db.server";
import { txAll, txRun } from "~/utils/lean-write.server";

/** The full-text tables of the search index (migrations search_index and search_title_index). */
export const SEARCH_FTS_TABLES = ["SearchDocumentFts", "SearchTitleFts"] as const;

/** Pages one merge step writes at most. */
export const MERGE_PAGES = 64;

/** How often the worker looks for segments to merge. */
const INTERVAL_MS = 10_000;

/**
 * One merge step on `table`: true when it merged something. FTS5's `merge` command says so by how
 * many changes it made (two or more: it did work; fewer: nothing was left to merge at any level).
 */
async function mergeStep(table: (typeof SEARCH_FTS_TABLES)[number], pages: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const changes = async () => (await txAll<{ n: number }>(tx, "SELECT total_changes() AS n"))[0].n;
    const before = await changes();
    await txRun(tx, `INSERT INTO "${table}" ("${table}", rank) VALUES ('merge', ?)`, [pages]);
    return (await changes()) - before >= 2;
  });
}

/**
 * Merges the segments of each search index until nothing is left to merge or `maxSteps` steps were
 * taken (each table), yielding to the event loop between steps. Returns the steps that did work.
 */
export async function mergeSearchIndexes({
  maxSteps = 1_000,
  pages = MERGE_PAGES,
  stopped = (): boolean => false,
}: { maxSteps?: number; pages?: number; stopped?: () => boolean } = {}): Promise<number> {
  let worked = 0;
  for (const table of SEARCH_FTS_TABLES) {
    for (let step = 0; step < maxSteps && !stopped(); step++) {
      if (!(await mergeStep(table, pages))) break;
      worked++;
      await new Promise((resolve) => setImmediate(resolve)); // the requests waiting meanwhile go first
    }
  }
  return worked;
}

/** Tests: the number of segments in a full-text table (one per `segid` of its `_idx` shadow table). */
export async function segmentCount(table: (typeof SEARCH_FTS_TABLES)[number]): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(DISTINCT "segid") AS n FROM "${table}_idx"`);
  return Number(row.n);
}

/**
 * The worker (SQLite only, lifecycle.server.ts): merges at start, then every INTERVAL_MS. An index
 * seeded or grown while the server was down is merged within seconds; afterwards each round has only
 * the segments written since the last.
 */
export function startSearchIndexUpkeep({ intervalMs = INTERVAL_MS } = {}): { stop(): Promise<void> } {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const round = () => {
    running = mergeSearchIndexes({ stopped: () => stopping })
      .catch((error) => console.error("search index merge failed (searches still answer, from more segments):", error))
      .finally(() => {
        if (!stopping) timer = setTimeout(round, intervalMs).unref();
      });
  };
  round();
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running;
    },
  };
}
