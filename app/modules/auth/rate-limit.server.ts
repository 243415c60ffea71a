/**
 * Sign-in throttle (docs/decisions/0009). An attempt is *reserved* before the slow password check,
 * atomically, so parallel guesses cannot all slip past a limit that is only counted afterwards.
 * After `free` attempts a key allows one attempt at a time, and only once a wait has passed since the
 * last one *finished*; the wait doubles with every attempt up to `maxDelayMs`. A successful sign-in
 * clears the key. Keys are an account *and* a client address together, so a stranger cannot make a
 * named account (the chair on a sign-off day) wait by failing on purpose from their own address.
 */
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
 * Where the attempt counts live. One process today (in memory, one SQLite file, ADR 0004); a shared
 * store (a database table with a guarded UPDATE) implements the same calls when the app runs as
 * several processes.
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

interface Entry {
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

/** In-process store. Each call runs to completion without awaiting, which is what makes `reserve` atomic here. */
export class MemoryThrottleStore implements ThrottleStore {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    /** bound on remembered keys (an attacker can invent addresses and emails); the oldest go first */
    private readonly maxKeys = 100_000,
  ) {}

  async reserve(key: string, policy: ThrottlePolicy): Promise<number> {
    const at = this.now();
    let entry = this.entries.get(key);
    // forgotten after a quiet period (also an attempt that never settled, e.g. a crashed check)
    if (entry && at >= entry.nextAt && at - entry.lastAt > policy.forgetAfterMs) entry = undefined;
    if (entry && at < entry.nextAt) return entry.nextAt - at;
    // past the free attempts: one at a time, its wait known only when it finishes
    if (entry && entry.attempts >= policy.free && entry.inFlight > 0) return delayAfter(entry.attempts, policy);
    const next: Entry = { attempts: (entry?.attempts ?? 0) + 1, inFlight: (entry?.inFlight ?? 0) + 1, nextAt: 0, lastAt: at };
    this.entries.delete(key); // re-insert: the map's order is then "least recently tried first"
    this.entries.set(key, next);
    this.evict();
    return 0;
  }

  async failed(key: string, policy: ThrottlePolicy): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    const at = this.now();
    entry.inFlight = Math.max(0, entry.inFlight - 1);
    entry.lastAt = at;
    const wait = delayAfter(entry.attempts, policy);
    entry.nextAt = Math.max(entry.nextAt, wait ? at + wait : 0);
  }

  async release(key: string, _policy: ThrottlePolicy): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.attempts -= 1;
    entry.inFlight = Math.max(0, entry.inFlight - 1);
    if (entry.attempts <= 0) this.entries.delete(key);
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
  const accountKey = (account: string, client: string) => `a:${account}\u0000${client}`;
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

/** The server's throttle (one process: in memory). */
export const loginThrottle = signInThrottle(new MemoryThrottleStore());
