import { describe, expect, it } from "vitest";
import { screeningClock } from "~/modules/screening/screening.server";
import { overdueIfSubmittedBefore } from "./inbox.server";

describe("the overdue threshold the inbox counts with", () => {
  it("agrees with the screening clock for every submission day of the last 60 days, around holidays too", () => {
    for (const nowText of ["2026-11-28T03:00:00Z", "2026-10-06T01:00:00Z", "2027-02-10T05:00:00Z", "2026-09-28T23:30:00Z"]) {
      const now = new Date(nowText);
      const threshold = overdueIfSubmittedBefore(now, 5);
      for (let back = 0; back < 60 * 24; back += 7) {
        const submitted = new Date(now.getTime() - back * 3_600_000);
        expect(submitted < threshold, `${nowText} − ${back} h`).toBe(screeningClock(submitted, now, 5).overdue);
      }
    }
  });
});
