import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-pg/client";
import { databaseEngine, databaseUrl } from "./config.server";
import { serializedPostgres } from "./db-postgres.server";
import type { SqlMigrationAwareDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** `sqlite` (DATABASE_URL=file:…, the default) or `postgresql` (postgresql://…), ADR 0024. */
export const dbEngine = databaseEngine();

function createClient(): PrismaClient {
  // Transactions queue: on the one SQLite connection, and on PostgreSQL behind the write lock
  // (db-postgres.server.ts). Allow the queue to form.
  const transactionOptions = { maxWait: 20_000, timeout: 20_000 };
  if (dbEngine === "postgresql") {
    // The PostgreSQL client is generated from the same datamodel (prisma/postgresql/schema.prisma):
    // the same API and types, so the app keeps one `Db` type.
    return new PostgresPrismaClient({ adapter: serializedPostgres(databaseUrl()), transactionOptions }) as unknown as PrismaClient;
  }
  const adapter = new PrismaBetterSqlite3({ url: databaseUrl(), timeout: 10_000 });
  return new PrismaClient({ adapter: trackingTransactions(adapter), transactionOptions });
}

/**
 * SQLite: the app has one connection, and statements outside a transaction run on it while an
 * interactive transaction holds it open between its statements:
 * - a read sees that transaction's writes before it commits or rolls back. Counting the transactions
 *   lets `memoUntilWrite` keep only what was read while none was open or starting (a value read beside
 *   one is used once, never kept);
 * - a write would become part of it, and be undone by its rollback (the outbox marking a mail sent).
 *   A write outside a transaction therefore runs as a transaction of its own, in its turn (ADR 0034).
 */
// On globalThis, as the client is: in development the server's modules (tsx) and the app's (Vite) are
// two copies of this one, and the client's adapter counts in the copy that made it
const transactions = ((globalThis as unknown as { __transactions?: { open: number; changes: number } }).__transactions ??= { open: 0, changes: 0 });

/** A mark that stays the same while no transaction starts or ends; null while one is open or waiting. */
export function transactionMark(): number | null {
  return transactions.open > 0 ? null : transactions.changes;
}

/** Statements that change nothing (PRAGMA too: the connection's settings, never inside a transaction). */
const isReadOnly = (sql: string) => /^\s*(SELECT|WITH|PRAGMA)\b/i.test(sql) && !/\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);

function trackingTransactions(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connectToShadowDb: () => factory.connectToShadowDb(),
    connect: async () => {
      const adapter = await factory.connect();
      reusePreparedStatements(adapter);
      const startTransaction = adapter.startTransaction.bind(adapter);
      const queryRaw = adapter.queryRaw.bind(adapter);
      /** One statement as a transaction of its own (COMMIT/ROLLBACK sent as Prisma's own transactions send them). */
      const alone = async <T>(run: (tx: Transaction) => Promise<T>): Promise<T> => {
        const tx = await adapter.startTransaction();
        try {
          const result = await run(tx);
          await tx.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
          await tx.commit();
          return result;
        } catch (error) {
          await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => {});
          await tx.rollback();
          throw error;
        }
      };
      adapter.queryRaw = (query) => (isReadOnly(query.sql) ? queryRaw(query) : alone((tx) => tx.queryRaw(query)));
      const executeRaw = adapter.executeRaw.bind(adapter);
      adapter.executeRaw = (query) => (isReadOnly(query.sql) ? executeRaw(query) : alone((tx) => tx.executeRaw(query)));
      adapter.startTransaction = async (isolationLevel) => {
        // counted from the moment it asks for the connection (its BEGIN runs before this await returns)
        transactions.open++;
        transactions.changes++;
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          transactions.open--;
          transactions.changes++;
        };
        try {
          const tx = await startTransaction(isolationLevel);
          const commit = tx.commit.bind(tx);
          const rollback = tx.rollback.bind(tx);
          tx.commit = () => commit().finally(end);
          tx.rollback = () => rollback().finally(end);
          return tx;
        } catch (error) {
          end();
          throw error;
        }
      };
      return adapter;
    },
  };
}

/** The statements of Prisma's SQLite adapter, prepared once per SQL text (at most this many kept). */
const STATEMENT_LIMIT = 500;
type Statement = Database.Statement<unknown[]>;
let keptStatements: ReadonlyMap<string, unknown> | null = null;

/** On globalThis, as the client is: a hot reload of this module keeps the connection, and its statements with it. */
const globalForLeanWrite = globalThis as unknown as { __leanStatements?: (sql: string) => Statement };

/**
 * SQLite: a statement of the lean write path (lean-write.server.ts), prepared once on the app's one
 * connection, the one Prisma's transactions run on, and kept apart from Prisma's own statements (it
 * reads numbers, not BigInt). Null before the connection opens, and on PostgreSQL.
 */
export function sqliteLeanStatement(sql: string): Statement | null {
  return globalForLeanWrite.__leanStatements?.(sql) ?? null;
}

/** `prepare` with each statement kept by its SQL text in `kept` (at most STATEMENT_LIMIT, the oldest dropped first). */
function preparedOnce(prepare: (sql: string) => Statement, kept: Map<string, Statement>, configure?: (statement: Statement) => void) {
  return (sql: string): Statement => {
    let statement = kept.get(sql);
    if (!statement) {
      statement = prepare(sql);
      configure?.(statement);
      if (kept.size >= STATEMENT_LIMIT) kept.delete(kept.keys().next().value!);
      kept.set(sql, statement);
    }
    return statement;
  };
}

/** Tests: how many prepared statements the SQLite connection keeps (null: none kept, PostgreSQL). */
export function keptStatementCount(): number | null {
  return keptStatements?.size ?? null;
}

/**
 * Prisma's SQLite adapter prepares every statement again on each query (`client.prepare(sql).bind(args)`),
 * and compiling the SQL was about a twentieth of a workflow event's CPU. Prisma sends the same SQL text
 * for the same query shape with the values as parameters, so the adapter's connection keeps each
 * prepared statement by its text and binds the values on each run instead. better-sqlite3 runs a
 * statement to its end synchronously (`run`, `all`), so two queries never share one mid-way; SQLite
 * prepares a kept statement again by itself after a schema change.
 */
function reusePreparedStatements(adapter: object) {
  const client = (adapter as { client?: unknown }).client;
  if (!(client instanceof Database)) return; // another adapter's shape: leave it as it is
  const prepare = client.prepare.bind(client);
  // the lean write path's statements read numbers (the connection's default is BigInt, Prisma's)
  globalForLeanWrite.__leanStatements = preparedOnce(prepare, new Map(), (statement) => statement.safeIntegers(false));
  const statementFor = preparedOnce(prepare, (keptStatements = new Map()));
  // the calls the adapter makes: prepare(sql).bind(args) then run(), or reader/columns() and raw().all();
  // prepare("BEGIN").run()
  client.prepare = ((sql: string) => {
    const statement = statementFor(sql);
    return {
      reader: statement.reader,
      run: () => statement.run(),
      bind: (args: unknown[]) => ({
        reader: statement.reader,
        run: () => statement.run(args),
        columns: () => statement.columns(),
        raw: () => ({ all: () => statement.raw(true).all(args) }),
      }),
    };
  }) as unknown as typeof client.prepare;
}

const globalForDb = globalThis as unknown as { __db?: PrismaClient; __dbReady?: Promise<void> };

/** The one Prisma client of the process (kept across hot reloads). */
export const db: PrismaClient = (globalForDb.__db ??= createClient());

/** SQLite: WAL lets readers go on while one writer writes; set once per process. PostgreSQL: nothing to set. */
export function ensureDbPragmas(): Promise<void> {
  globalForDb.__dbReady ??= (async () => {
    if (dbEngine !== "sqlite") return;
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    // WAL + NORMAL: a commit is durable once the WAL is synced at a checkpoint; a process crash loses
    // nothing, a power cut can lose the last commits but never corrupts (ADR 0025). FULL synced the WAL
    // on every commit, and the one writer's commits are what the workflow throughput queues on.
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  })();
  return globalForDb.__dbReady;
}
