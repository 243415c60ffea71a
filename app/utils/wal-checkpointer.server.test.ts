import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { sqliteFile } from "./config.server";
import { db, dbEngine, ensureDbPragmas } from "./db.server";
import { AUTOCHECKPOINT_PAGES, startWalCheckpointer, type CheckpointResult, type WalCheckpointer } from "./wal-checkpointer.server";

const autocheckpoint = async () => {
  const [row] = await db.$queryRawUnsafe<{ wal_autocheckpoint: number | bigint }[]>("PRAGMA wal_autocheckpoint");
  return Number(row!.wal_autocheckpoint);
};

/** `n` commits of the app's connection, each a row of its own (each adds pages to the WAL). */
async function commit(n: number, tag: string) {
  for (let i = 0; i < n; i++) {
    await db.organization.create({ data: { code: `WAL-${tag}-${i}`, nameKo: `체크포인트 ${tag} ${i}`, nameEn: `Checkpoint ${tag} ${i}`, kind: "MINISTRY" } });
  }
}

beforeAll(() => ensureDbPragmas()); // WAL, as the server runs it

let running: WalCheckpointer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

// ADR 0047; PostgreSQL has no WAL file of the app's to checkpoint
describe.skipIf(dbEngine === "postgresql")("WAL checkpoints on a thread of their own", () => {
  it("turns the app's own checkpoints off while it runs and back on when it stops", async () => {
    expect(await autocheckpoint()).toBe(AUTOCHECKPOINT_PAGES);
    running = await startWalCheckpointer({ file: sqliteFile(), intervalMs: 60_000 });
    expect(await autocheckpoint()).toBe(0);
    await running.stop();
    running = null;
    expect(await autocheckpoint()).toBe(AUTOCHECKPOINT_PAGES);
  });

  it("copies what the app committed into the database file", async () => {
    running = await startWalCheckpointer({ file: sqliteFile(), intervalMs: 60_000 });
    await commit(5, "copy");
    const result = await running.checkpointNow();
    expect(result.busy).toBe(0);
    expect(result.log).toBeGreaterThan(0);
    expect(result.checkpointed).toBe(result.log);
    expect(await db.organization.count({ where: { code: { startsWith: "WAL-copy-" } } })).toBe(5);
  });

  it("starts the WAL again from its beginning once it is long", async () => {
    running = await startWalCheckpointer({ file: sqliteFile(), intervalMs: 60_000, restartPages: 20 });
    await commit(30, "long");
    const long = await running.checkpointNow();
    expect(long.log).toBeGreaterThanOrEqual(20);
    expect(long.checkpointed).toBe(long.log);
    await commit(1, "after");
    const after = await running.checkpointNow();
    expect(after.log).toBeLessThan(long.log);
  });

  it("lets a transaction that has read write while the WAL is copied (it holds the writer's turn)", async () => {
    running = await startWalCheckpointer({ file: sqliteFile(), intervalMs: 60_000, restartPages: 1 });
    await commit(3, "turn");
    // a transaction that has read and will write: SQLite gives it no wait for the writer's lock. A
    // checkpoint that took that lock now would make its write fail at once; it must wait its turn.
    const asked: { round?: Promise<CheckpointResult> } = {};
    const transaction = db.$transaction(async (tx) => {
      const n = await tx.organization.count({ where: { code: { startsWith: "WAL-turn-" } } });
      asked.round = running!.checkpointNow();
      await new Promise((resolve) => setTimeout(resolve, 300)); // the thread answers its passive round meanwhile
      return tx.organization.create({ data: { code: `WAL-turn-${n}`, nameKo: "차례", nameEn: "Turn", kind: "MINISTRY" } });
    });
    await expect(transaction).resolves.toMatchObject({ code: "WAL-turn-3" });
    const result = await asked.round!;
    expect(result.busy).toBe(0);
    expect(result.checkpointed).toBe(result.log);
  });

  it("leaves the app's own checkpoints on when the thread cannot open the database", async () => {
    const error = await startWalCheckpointer({ file: `${sqliteFile()}.missing`, intervalMs: 60_000 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(await autocheckpoint()).toBe(AUTOCHECKPOINT_PAGES);
  });
});
