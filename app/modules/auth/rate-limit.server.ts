/**
 * Sign-in throttle (docs/decisions/0009). An attempt is *reserved* before the slow password check,
 * atomically, so parallel guesses cannot all slip past a limit that is only counted afterwards.
 * After `free` attempts a key allows one attempt at a time, and only once a wait has passed since the
 * last one *finished*; the wait doubles with every attempt up to `maxDelayMs`. A successful sign-in
 * clears the key. Keys are an account *and* a client address together, so a stranger cannot make a
 * named account (the chair on a sign-off day) wait by failing on purpose from their own address.
 */
import { db, dbEngine, type Db } from "~/utils/db.server";

export interface ThrottlePolicy {
  /** attempts allowed without waiting (also at the same time) */
  free: number;
  /** the first wait, doubled for every attempt after it */
  baseDelayMs: number;
  maxDelayMs: number;
  /** a key with no attempt for this long starts afresh */
  forgetAfterMs: number;
}

/**
 * Where the attempt counts live: in memory (one process, SQLite, ADR 0004) or in the database table
 * SignInThrottle (several processes on PostgreSQL, ADR 0024).
 */
export interface ThrottleStore {
  /** Counts an attempt if `key` may try now and returns 0; otherwise returns the ms left to wait. Atomic. */
  reserve(key: string, policy: ThrottlePolicy): Promise<number>;
  /** The reserved attempt failed: the wait starts now. */
  failed(key: string, policy: ThrottlePolicy): Promise<void>;
  /** Takes back one reserved attempt (it turned out not to count against the key). */
  release(key: string, policy: ThrottlePolicy): Promise<void>;
  /** Forgets the key (a successful sign-in). */
  reset(key: string): Promise<void>;
}

export interface Entry {
  attempts: number;
  /** attempts reserved and not yet settled */
  inFlight: number;
  /** when the next attempt may be made (0 = now) */
  nextAt: number;
  lastAt: number;
}

/** The wait after the `attempts`-th attempt failed. */
export function delayAfter(attempts: number, policy: ThrottlePolicy): number {
  if (attempts < policy.free) return 0;
  return Math.min(policy.baseDelayMs * 2 ** Math.min(attempts - policy.free, 30), policy.maxDelayMs);
}

/**
 * The rules of one key, as pure steps on its entry (the stores only keep entries): `reserve` answers
 * the wait (0: an attempt is counted) and the entry to keep.
 */
export function reserveEntry(entry: Entry | undefined, at: number, policy: ThrottlePolicy): { wait: number; next?: Entry } {
  // forgotten after a quiet period (also an attempt that never settled, e.g. a crashed check)
  if (entry && at >= entry.nextAt && at - entry.lastAt > policy.forgetAfterMs) entry = undefined;
  if (entry && at < entry.nextAt) return { wait: entry.nextAt - at };
  // past the free attempts: one at a time, its wait known only when it finishes
  if (entry && entry.attempts >= policy.free && entry.inFlight > 0) return { wait: delayAfter(entry.attempts, policy) };
  return { wait: 0, next: { attempts: (entry?.attempts ?? 0) + 1, inFlight: (entry?.inFlight ?? 0) + 1, nextAt: 0, lastAt: at } };
}

/** The reserved attempt failed at `at`: the wait starts now. */
export function failedEntry(entry: Entry, at: number, policy: ThrottlePolicy): Entry {
  const wait = delayAfter(entry.attempts, policy);
  return { attempts: entry.attempts, inFlight: Math.max(0, entry.inFlight - 1), lastAt: at, nextAt: Math.max(entry.nextAt, wait ? at + wait : 0) };
}

/** One reserved attempt taken back; null when nothing is left to remember. */
export function releasedEntry(entry: Entry): Entry | null {
  const next = { ...entry, attempts: entry.attempts - 1, inFlight: Math.max(0, entry.inFlight - 1) };
  return next.attempts <= 0 ? null : next;
}

/** In-process store. Each call runs to completion without awaiting, which is what makes `reserve` atomic here. */
export class MemoryThrottleStore implements ThrottleStore {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    /** bound on remembered keys (an attacker can invent addresses and emails); the oldest go first */
    private readonly maxKeys = 100_000,
  ) {}

  async reserve(key: string, policy: ThrottlePolicy): Promise<number> {
    const { wait, next } = reserveEntry(this.entries.get(key), this.now(), policy);
    if (next) {
      this.entries.delete(key); // re-insert: the map's order is then "least recently tried first"
      this.entries.set(key, next);
      this.evict();
    }
    return wait;
  }

  async failed(key: string, policy: ThrottlePolicy): Promise<void> {
    const entry = this.entries.get(key);
    if (entry) this.entries.set(key, failedEntry(entry, this.now(), policy));
  }

  async release(key: string, _policy: ThrottlePolicy): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    const next = releasedEntry(entry);
    if (next) this.entries.set(key, next);
    else this.entries.delete(key);
  }

  async reset(key: string): Promise<void> {
    this.entries.delete(key);
  }

  private evict() {
    if (this.entries.size <= this.maxKeys) return;
    for (const key of this.entries.keys()) {
      this.entries.delete(key);
      if (this.entries.size <= this.maxKeys) return;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The store shared by every app instance on one database (table SignInThrottle, ADR 0024): the same
 * steps, each read-and-write in one transaction — atomic because transactions run one at a time
 * (SQLite's one connection; PostgreSQL's write lock, app/utils/db-postgres.server.ts). Keys quiet for
 * longer than the longest forget period are deleted now and then.
 */
export class DbThrottleStore implements ThrottleStore {
  constructor(
    private readonly client: Db = db,
    private readonly now: () => number = Date.now,
  ) {}

  private async update(key: string, step: (entry: Entry | undefined, at: number) => { result: number; next?: Entry | null }): Promise<number> {
    return this.client.$transaction(async (tx) => {
      const row = await tx.signInThrottle.findUnique({ where: { key } });
      const at = this.now();
      const entry = row ? { attempts: row.attempts, inFlight: row.inFlight, nextAt: row.nextAt.getTime(), lastAt: row.lastAt.getTime() } : undefined;
      const { result, next } = step(entry, at);
      if (next === null) {
        if (row) await tx.signInThrottle.delete({ where: { key } });
      } else if (next) {
        const data = { attempts: next.attempts, inFlight: next.inFlight, nextAt: new Date(next.nextAt), lastAt: new Date(next.lastAt) };
        await tx.signInThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
      }
      return result;
    });
  }

  async reserve(key: string, policy: ThrottlePolicy): Promise<number> {
    if (Math.random() < 0.01) await this.forgetQuietKeys();
    return this.update(key, (entry, at) => {
      const { wait, next } = reserveEntry(entry, at, policy);
      return { result: wait, next };
    });
  }

  async failed(key: string, policy: ThrottlePolicy): Promise<void> {
    await this.update(key, (entry, at) => ({ result: 0, next: entry && failedEntry(entry, at, policy) }));
  }

  async release(key: string, _policy: ThrottlePolicy): Promise<void> {
    await this.update(key, (entry) => ({ result: 0, next: entry && releasedEntry(entry) }));
  }

  async reset(key: string): Promise<void> {
    await this.client.signInThrottle.deleteMany({ where: { key } });
  }

  /** Deletes keys without an attempt for longer than any policy remembers them, and not waiting. */
  async forgetQuietKeys(): Promise<number> {
    const at = this.now();
    const quiet = new Date(at - Math.max(ACCOUNT_CLIENT_POLICY.forgetAfterMs, CLIENT_POLICY.forgetAfterMs));
    const { count } = await this.client.signInThrottle.deleteMany({ where: { lastAt: { lt: quiet }, nextAt: { lte: new Date(at) } } });
    return count;
  }
}

const MINUTE = 60_000;

/** Per account and client address: 5 attempts, then one at a time, 2 s, 4 s, 8 s … up to 15 minutes apart. */
export const ACCOUNT_CLIENT_POLICY: ThrottlePolicy = { free: 5, baseDelayMs: 2000, maxDelayMs: 15 * MINUTE, forgetAfterMs: 15 * MINUTE };
/**
 * Per client address over all accounts (password spraying; the CPU of the password checks): failures
 * only — a success gives its attempt back — and generous, because a ministry's staff may share one address.
 */
export const CLIENT_POLICY: ThrottlePolicy = { free: 30, baseDelayMs: 2000, maxDelayMs: 5 * MINUTE, forgetAfterMs: 15 * MINUTE };

export interface SignInThrottle {
  /** Reserves one attempt for this account from this client: 0, or the ms to wait (nothing reserved then). */
  reserve(account: string, client: string): Promise<number>;
  /** The reserved attempt's password check failed (or could not be made). */
  failed(account: string, client: string): Promise<void>;
  succeeded(account: string, client: string): Promise<void>;
}

export function signInThrottle(store: ThrottleStore): SignInThrottle {
  // JSON keeps the two parts apart whatever was typed, and holds no NUL (PostgreSQL text cannot)
  const accountKey = (account: string, client: string) => `a:${JSON.stringify([account, client])}`;
  const clientKey = (client: string) => `c:${client}`;
  return {
    async reserve(account, client) {
      const waitAccount = await store.reserve(accountKey(account, client), ACCOUNT_CLIENT_POLICY);
      if (waitAccount > 0) return waitAccount;
      const waitClient = await store.reserve(clientKey(client), CLIENT_POLICY);
      if (waitClient > 0) await store.release(accountKey(account, client), ACCOUNT_CLIENT_POLICY);
      return waitClient;
    },
    async failed(account, client) {
      await store.failed(accountKey(account, client), ACCOUNT_CLIENT_POLICY);
      await store.failed(clientKey(client), CLIENT_POLICY);
    },
    async succeeded(account, client) {
      await store.reset(accountKey(account, client));
      await store.release(clientKey(client), CLIENT_POLICY);
    },
  };
}

/**
 * The server's throttle: in memory with SQLite (one process by design), in the database with
 * PostgreSQL (several instances share the counts, ADR 0024).
 */
export const loginThrottle = signInThrottle(dbEngine === "postgresql" ? new DbThrottleStore() : new MemoryThrottleStore());
