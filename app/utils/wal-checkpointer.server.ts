/**
 * SQLite's WAL checkpoints on a thread of their own (ADR 0047).
 *
 * By default the connection whose commit takes the WAL past 1,000 pages copies them into the database
 * file itself, inside that COMMIT: about one workflow event in a hundred took 12–15 ms instead of
 * 0.1 ms, two file syncs included. The app has one writing connection and better-sqlite3 runs on the
 * event loop, so every request in the process waited for it.
 *
 * While this worker runs, the app's connection does not checkpoint (`wal_autocheckpoint = 0`). A
 * connection of its own, on a worker thread, checkpoints every `intervalMs`:
 * - `PASSIVE`: takes no lock that writers or readers wait for, and copies what no reader still needs.
 * - Under a steady stream of commits one lands during nearly every passive checkpoint, so the WAL is
 *   never all copied, never reused from its start, and grows (25,000 pages in 8 seconds of workflow
 *   events). Once it has `restartPages` pages, the checkpoint is `RESTART`: it waits for the writer and
 *   copies all of it, and the next commit starts the WAL from its beginning again. The app's connection
 *   holds an empty transaction meanwhile, so the app's transactions wait their turn in Prisma's queue
 *   (the event loop goes on serving), not inside SQLite: a transaction that has read and then finds the
 *   writer's lock taken fails at once (SQLite's rule against deadlocks), it does not wait.
 * When the thread stops or fails, the app's connection checkpoints by itself again
 * (`wal_autocheckpoint = 1000`). A crash at any point loses nothing: the WAL is recovered at the next
 * open, as before.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { db } from "./db.server";

/** SQLite's default: the app's connection checkpoints itself at this many WAL pages when no worker does. */
export const AUTOCHECKPOINT_PAGES = 1000;

/** A WAL this long (pages of 4 KB) is copied by a checkpoint that waits for the writer (RESTART). */
export const RESTART_PAGES = 4000;

export interface CheckpointResult {
  /** 1 when a reader or writer kept the checkpoint from finishing (it copies what it can). */
  busy: number;
  /** Pages in the WAL. */
  log: number;
  /** Pages of it now in the database file. */
  checkpointed: number;
}

export interface WalCheckpointer {
  /** One round now, as the timer runs it: a passive checkpoint, then a restart if the WAL is long. */
  checkpointNow(): Promise<CheckpointResult>;
  /** Stops the thread after its current checkpoint; the app's connection checkpoints by itself again. */
  stop(): Promise<void>;
}

// The worker's code: plain CommonJS, given the resolved better-sqlite3 path (the server bundle has no
// file of its own to start a thread from). It runs the checkpoint it is asked for.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
db.pragma("synchronous = NORMAL");
const modes = { PASSIVE: db.prepare("PRAGMA wal_checkpoint(PASSIVE)"), RESTART: db.prepare("PRAGMA wal_checkpoint(RESTART)") };
parentPort.on("message", (m) => {
  if (m.type === "checkpoint") {
    try { parentPort.postMessage({ id: m.id, result: modes[m.mode].get() }); }
    catch (error) { parentPort.postMessage({ id: m.id, error: String(error && error.message || error) }); }
  }
  if (m.type === "stop") { db.close(); parentPort.close(); }
});
parentPort.postMessage({ type: "ready" });
`;

const setAutocheckpoint = (pages: number) => db.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${pages}`);

/**
 * Starts the checkpoint thread on the SQLite database `file` (the file the app's connection has open).
 * Resolves once the thread's connection is open and the app's own checkpoints are off; rejects, with the
 * app's checkpoints left on, when the thread cannot start.
 */
export async function startWalCheckpointer({
  file,
  intervalMs = 200,
  restartPages = RESTART_PAGES,
}: {
  file: string;
  intervalMs?: number;
  restartPages?: number;
}): Promise<WalCheckpointer> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
  worker.unref(); // never what keeps a process alive; the server stops it before it closes the database
  const waiting = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let autocheckpointOff = false;
  let exited = false;
  let failed: Error | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (m: { type?: string; id?: number; result?: CheckpointResult; error?: string }) => {
      if (m.type === "ready") return resolve();
      const asked = waiting.get(m.id!);
      waiting.delete(m.id!);
      if (m.error !== undefined) asked?.reject(new Error(m.error));
      else asked?.resolve(m.result!);
    });
    worker.on("error", (error: unknown) => {
      // SQLite's errors arrive as plain objects ({ code }) from the thread
      failed = error instanceof Error ? error : new Error(`WAL checkpoint thread: ${JSON.stringify(error)}`);
      reject(failed);
    });
  });
  const ended = new Promise<void>((resolve) => {
    worker.on("exit", () => {
      exited = true;
      clearInterval(timer);
      for (const [, asked] of waiting) asked.reject(new Error("the WAL checkpoint thread has ended"));
      waiting.clear();
      // from here on the app's connection checkpoints by itself again
      const restore = autocheckpointOff ? setAutocheckpoint(AUTOCHECKPOINT_PAGES) : Promise.resolve();
      autocheckpointOff = false;
      if (failed) console.error("WAL checkpoint thread stopped; SQLite checkpoints in the app's connection again:", failed);
      restore.then(
        () => resolve(),
        (error) => {
          console.error("could not turn SQLite's own checkpoints back on:", error);
          resolve();
        },
      );
    });
  });
  let timer: ReturnType<typeof setInterval> | undefined = undefined; // set once the thread is ready (its exit may come first)

  const ask = (mode: "PASSIVE" | "RESTART") =>
    new Promise<CheckpointResult>((resolve, reject) => {
      if (exited) return reject(new Error("the WAL checkpoint thread has ended"));
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ type: "checkpoint", mode, id });
    });

  let round: Promise<CheckpointResult> | null = null;
  const checkpoint = () =>
    (round ??= (async () => {
      const passive = await ask("PASSIVE");
      if (passive.log < restartPages) return passive;
      // the app's connection holds an empty transaction: its own wait in Prisma's queue, off the event loop
      return db.$transaction(() => ask("RESTART"));
    })().finally(() => (round = null)));

  await ready; // rejects when the thread could not open the database (its exit turns nothing back on)
  await setAutocheckpoint(0);
  if (exited) {
    // it ended while the app's checkpoints were being turned off: turn them back on
    await setAutocheckpoint(AUTOCHECKPOINT_PAGES);
    throw failed ?? new Error("the WAL checkpoint thread ended at its start");
  }
  autocheckpointOff = true;
  timer = setInterval(() => {
    checkpoint().catch((error) => console.error("WAL checkpoint failed (the next round tries again):", error));
  }, intervalMs);
  timer.unref();

  return {
    checkpointNow: checkpoint,
    stop: async () => {
      clearInterval(timer);
      await round?.catch(() => {});
      if (!exited) worker.postMessage({ type: "stop" });
      await ended;
    },
  };
}
