import { describe, expect, it } from "vitest";
import { atTime, currentMonthInKorea, koreanDayFromToday, koreanMonthFromNow, now, todayInKorea } from "./clock";

describe("the app clock", () => {
  it("is pinned for unit tests and can be moved for a piece of work", async () => {
    expect(todayInKorea()).toBe("2026-12-02");
    const inside = await atTime("2027-01-31T15:30:00Z", async () => [todayInKorea(), currentMonthInKorea(), now().toISOString()]);
    expect(inside).toEqual(["2027-02-01", "2027-02", "2027-01-31T15:30:00.000Z"]); // 00:30 on 1 Feb in Korea
    expect(todayInKorea()).toBe("2026-12-02");
  });
  it("counts Korean days and months from today", () => {
    const at = new Date("2026-12-31T16:00:00Z"); // 1 Jan 2027 01:00 in Korea
    expect(koreanDayFromToday(0, at)).toBe("2027-01-01");
    expect(koreanDayFromToday(-1, at)).toBe("2026-12-31");
    expect(koreanMonthFromNow(0, at)).toBe("2027-01");
    expect(koreanMonthFromNow(-1, at)).toBe("2026-12");
    expect(koreanMonthFromNow(14, at)).toBe("2028-03");
  });
});
