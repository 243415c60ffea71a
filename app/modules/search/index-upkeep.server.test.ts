import { describe, expect, it } from "vitest";
import { db, dbEngine } from "~/utils/db.server";
import { mergeSearchIndexes, segmentCount, startSearchIndexUpkeep } from "./index-upkeep.server";
import { sqliteSearch } from "./search-index.server";

const segments = async () => ({ documents: await segmentCount("SearchDocumentFts"), titles: await segmentCount("SearchTitleFts") });

/** Documents written one at a time, as the app writes them (each insert its own segment at first). */
async function writeOneByOne(prefix: string, count: number) {
  for (let i = 0; i < count; i++) {
    await db.searchDocument.create({
      data: {
        kind: "request",
        recordId: `${prefix}-${i}`,
        requestId: `${prefix}-${i}`,
        organizationId: "org-a",
        title: i % 4 === 0 ? `${prefix} 예측모형 ${i}` : `${prefix} 항만 물류 ${i}`,
        body: `예측모형 실증 ${i}`,
        keywords: "",
        updatedAt: new Date(Date.UTC(2026, 10, 1, 0, i)),
      },
    });
  }
}

describe.skipIf(dbEngine !== "sqlite")("the search index upkeep (SQLite, ADR 0058)", () => {
  // a window of 5: the 40 matches make a common search (title hits from the index of titles, then
  // newest); a window of 100: ranked by bm25. Both indexes are read.
  const search = async (window: number) =>
    (await sqliteSearch({ window }).find({ terms: { long: ["예측모형"], short: [] }, organizationId: null, limit: 50 })).map((d) => d.recordId);

  it("merges the segments that records written one at a time leave, and a search finds the same documents in the same order", async () => {
    await writeOneByOne("merge", 40);
    const before = await segments();
    expect(before.documents).toBeGreaterThan(3);
    expect(before.titles).toBeGreaterThan(3);
    const found = { common: await search(5), ranked: await search(100) };
    // the ten title hits, then the other matches among the newest six
    expect(found.common).toHaveLength(15);
    expect(found.ranked).toHaveLength(40);

    expect(await mergeSearchIndexes()).toBeGreaterThan(0);
    const after = await segments();
    expect(after.documents).toBeLessThan(before.documents);
    expect(after.titles).toBeLessThan(before.titles);
    expect(after.documents).toBeLessThanOrEqual(3);
    expect({ common: await search(5), ranked: await search(100) }).toEqual(found);

    // nothing left to merge: a round does nothing
    expect(await mergeSearchIndexes()).toBe(0);
    expect(await segments()).toEqual(after);
  });

  it("takes at most the steps it is given", async () => {
    await writeOneByOne("bounded", 30);
    // at most one step on each table; the work left afterwards shows the limit, not the end of the work, stopped it
    const first = await mergeSearchIndexes({ maxSteps: 1, pages: 1 });
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(2);
    expect(await mergeSearchIndexes()).toBeGreaterThan(0);
  });

  it("runs as the server's worker: merges what is written, and stops", async () => {
    const worker = startSearchIndexUpkeep({ intervalMs: 20 });
    try {
      await writeOneByOne("worker", 30);
      await expect.poll(async () => (await segments()).documents, { timeout: 10_000 }).toBeLessThanOrEqual(3);
    } finally {
      await worker.stop();
    }
  });
});
