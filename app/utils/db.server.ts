import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseUrl } from "./config.server";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl(), timeout: 10_000 });
  return new PrismaClient({
    adapter,
    // Transactions are serialised on the one SQLite connection: allow a queue to form.
    transactionOptions: { maxWait: 20_000, timeout: 20_000 },
  });
}

const globalForDb = globalThis as unknown as { __db?: PrismaClient; __dbReady?: Promise<void> };

/** The one Prisma client of the process (kept across hot reloads). */
export const db: PrismaClient = (globalForDb.__db ??= createClient());

/** WAL lets readers go on while one writer writes; set once per process. */
export function ensureDbPragmas(): Promise<void> {
  globalForDb.__dbReady ??= (async () => {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    // WAL + NORMAL: a commit is durable once the WAL is synced at a checkpoint; a process crash loses
    // nothing, a power cut can lose the last commits but never corrupts (ADR 0025). FULL synced the WAL
    // on every commit, and the one writer's commits are what the workflow throughput queues on.
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  })();
  return globalForDb.__dbReady;
}
