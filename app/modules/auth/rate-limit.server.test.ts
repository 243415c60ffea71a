import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./rate-limit.server";

describe("FailureLimiter", () => {
  it("blocks after max failures in the window and tells how long to wait", () => {
    let now = 1_000_000;
    const limiter = new FailureLimiter({ max: 5, windowMs: 15 * 60_000, now: () => now });
    for (let i = 0; i < 5; i++) {
      expect(limiter.retryAfterMs("a")).toBe(0);
      limiter.fail("a");
      now += 1000;
    }
    // 6th attempt is refused; the wait runs from the oldest failure in the window.
    expect(limiter.retryAfterMs("a")).toBe(15 * 60_000 - 5000);
    expect(limiter.retryAfterMs("b")).toBe(0);
    now += 15 * 60_000;
    expect(limiter.retryAfterMs("a")).toBe(0);
  });

  it("reset clears a key's failures", () => {
    const limiter = new FailureLimiter({ max: 2, windowMs: 60_000 });
    limiter.fail("k");
    limiter.fail("k");
    expect(limiter.retryAfterMs("k")).toBeGreaterThan(0);
    limiter.reset("k");
    expect(limiter.retryAfterMs("k")).toBe(0);
  });
});
