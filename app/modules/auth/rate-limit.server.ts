/**
 * Failed-sign-in limiter: a sliding window of failures per key. In memory, because the app runs as
 * one process on one SQLite file (docs/decisions/0004); a restart forgets the counts.
 */
export interface RateLimiterOptions {
  max: number;
  windowMs: number;
  now?: () => number;
}

export class FailureLimiter {
  private failures = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.options.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfterMs(key: string): number {
    const list = this.recent(key);
    if (list.length < this.options.max) return 0;
    return Math.max(1, list[list.length - this.options.max] + this.options.windowMs - this.now());
  }

  fail(key: string): void {
    const list = this.recent(key);
    list.push(this.now());
    this.failures.set(key, list);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;
/** 5 failures per account in 15 minutes; 20 per client address (several people may share one). */
export const accountLimiter = new FailureLimiter({ max: 5, windowMs: FIFTEEN_MINUTES });
export const clientLimiter = new FailureLimiter({ max: 20, windowMs: FIFTEEN_MINUTES });
