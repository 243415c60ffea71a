/**
 * What the server process does around serving requests (ADR 0018): prepare the database at start,
 * start background workers, and shut down cleanly. It lives in the app (and is exported from
 * app/entry.server.tsx) so the production server calls the same module instances its requests use —
 * one Prisma client, one audit anchor timer.
 */
import { recoverAtStart } from "~/modules/attachments/storage.server";
import { flushAuditAnchor } from "~/modules/audit/anchor.server";
import { demoMode, sessionSecret, sqliteFile } from "./config.server";
import { db, dbEngine, ensureDbPragmas } from "./db.server";
import { closeLeanRead } from "./lean-read.server";

/**
 * Before the server takes requests (the schema is already migrated): fail fast without a required
 * session secret, seed demo data into an empty database in demo mode, then recover after a crash
 * (audit anchor, upload files — ADR 0015).
 */
export async function prepareAtStart(): Promise<void> {
  sessionSecret(); // throws when a secret is required (REQUIRE_SESSION_SECRET=1 or SEED_DEMO=0) and missing
  await ensureDbPragmas();
  if (demoMode && (await db.user.count()) === 0) {
    const { seedDemoData, DEMO_PASSWORD, DEMO_ACCOUNTS } = await import("~/modules/seed/seed.server");
    await seedDemoData();
    console.log(`Demo data seeded. Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(26)} ${a.role}${a.isChair ? " (chair)" : ""}`);
  }
  await recoverAtStart();
}

/** A background worker: started once per process; `stop` resolves when its current job is done. */
export interface BackgroundWorker {
  name: string;
  start(): { stop(): Promise<void> };
}

/** Every background worker of the process. */
const WORKERS: BackgroundWorker[] = [
  {
    // SQLite: WAL checkpoints on a thread of their own, not inside a request's COMMIT (ADR 0047)
    name: "wal-checkpoints",
    start() {
      if (dbEngine !== "sqlite") return { stop: async () => {} };
      const started = import("./wal-checkpointer.server").then((m) => m.startWalCheckpointer({ file: sqliteFile() }));
      started.catch((error) => console.error("WAL checkpoint thread did not start (SQLite checkpoints in the app's connection):", error));
      return { stop: async () => (await started.catch(() => null))?.stop() };
    },
  },
  {
    // SQLite: the search's full-text indexes merged a step at a time, so a search reads few segments (ADR 0058)
    name: "search-index-upkeep",
    start() {
      if (dbEngine !== "sqlite") return { stop: async () => {} };
      const started = import("~/modules/search/index-upkeep.server").then((m) => m.startSearchIndexUpkeep());
      started.catch((error) => console.error("search index upkeep did not start:", error));
      return { stop: async () => (await started.catch(() => null))?.stop() };
    },
  },
  {
    // notification e-mails from the outbox, and the hourly sweep of conditions due/overdue (ADR 0020)
    name: "outbox",
    start() {
      const started = import("~/modules/notifications/outbox-worker.server").then((m) => m.startOutboxWorker().then(() => m));
      started.catch((error) => console.error("outbox worker did not start:", error));
      return { stop: async () => (await started).stopOutboxWorker() };
    },
  },
];

/**
 * Starts the background workers (after `prepareAtStart`, in the serving process only). Returns a
 * function that stops them all, waiting for their current jobs.
 */
export function startBackgroundWorkers(): () => Promise<void> {
  const running = WORKERS.map((w) => ({ name: w.name, handle: w.start() }));
  return async () => {
    await Promise.allSettled(running.map((r) => r.handle.stop()));
  };
}

/** After the last request: writes the pending audit checkpoint and closes the database. */
export async function closeAtShutdown(): Promise<void> {
  try {
    await flushAuditAnchor();
  } finally {
    closeLeanRead();
    await db.$disconnect();
  }
}
