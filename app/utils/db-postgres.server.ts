/**
 * PostgreSQL through `@prisma/adapter-pg` (ADR 0024), with one rule added: every interactive
 * transaction starts by taking the database-wide write lock, a transaction-scoped advisory lock
 * (`pg_advisory_xact_lock`), released by its COMMIT or ROLLBACK.
 *
 * Why all transactions and not only the audit append: the services were written for SQLite, where
 * the one connection runs transactions one at a time. Some read and then write inside a transaction
 * (the audit chain's head, the reference counter, the maintained counts, the sign-in throttle);
 * under PostgreSQL's READ COMMITTED two instances could both read the same head and fork the chain.
 * Taking the lock as the transaction's first statement keeps SQLite's semantics on every instance
 * and cannot deadlock (no transaction holds a row lock while it waits for it). Statements outside a
 * transaction (every page's reads) run in parallel on the pool.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/** The advisory lock key of the write lock ("AX" 17): any number the database does not use otherwise. */
export const WRITE_LOCK_KEY = 0x41580017;

function withWriteLock(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const tx = await startTransaction(isolationLevel);
    try {
      await tx.executeRaw({ sql: `SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`, args: [], argTypes: [] });
    } catch (error) {
      // the adapter's rollback() only hands the connection back to the pool: end the transaction first
      await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => {});
      await tx.rollback().catch(() => {});
      throw error;
    }
    return tx;
  };
  return adapter;
}

/** The adapter factory of the app's client: a pool of PG_POOL_MAX (default 10) connections. */
export function serializedPostgres(connectionString: string): SqlMigrationAwareDriverAdapterFactory {
  const pg = new PrismaPg({ connectionString, max: Number(process.env.PG_POOL_MAX ?? 10) });
  return {
    provider: pg.provider,
    adapterName: pg.adapterName,
    connect: async () => withWriteLock(await pg.connect()),
    connectToShadowDb: () => pg.connectToShadowDb(),
  };
}
