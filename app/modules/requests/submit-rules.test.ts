import { describe, expect, it } from "vitest";
import { currentMonthInKorea, notBeforeThisMonth, startMonthInPast } from "./submit-rules";

describe("submit rules", () => {
  it("uses the Korean calendar month (UTC+9)", () => {
    expect(currentMonthInKorea(new Date("2026-11-30T14:59:59Z"))).toBe("2026-11");
    expect(currentMonthInKorea(new Date("2026-11-30T15:00:00Z"))).toBe("2026-12");
  });

  it("refuses a start month before this month, accepts this month and later", () => {
    const now = new Date("2026-11-28T03:00:00Z");
    expect(startMonthInPast("2026-10", now)).toBe(true);
    expect(startMonthInPast("2026-11", now)).toBe(false);
    expect(startMonthInPast("2027-01", now)).toBe(false);
    expect(startMonthInPast(undefined, now)).toBe(false);
  });

  it("moves a demo month forward to this month when it has passed", () => {
    const now = new Date("2027-05-02T00:00:00Z");
    expect(notBeforeThisMonth("2027-03", now)).toBe("2027-05");
    expect(notBeforeThisMonth("2027-08", now)).toBe("2027-08");
  });
});
