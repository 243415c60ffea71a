import { describe, expect, it } from "vitest";
import {
  KNOWN_HOLIDAY_YEARS,
  KOREAN_PUBLIC_HOLIDAYS,
  addBusinessDays,
  addDays,
  businessDaysBetween,
  holidayName,
  isBusinessDay,
  koreanDate,
} from "./business-days";

describe("isBusinessDay", () => {
  it.each([
    ["2026-09-24", false, "Chuseok eve (Thu)"],
    ["2026-09-25", false, "Chuseok (Fri)"],
    ["2026-09-26", false, "Saturday"],
    ["2026-09-28", true, "Monday after Chuseok: no substitute, Chuseok touched only a Saturday"],
    ["2026-06-03", false, "local elections"],
    ["2026-03-02", false, "substitute for 3·1 on a Sunday"],
    ["2026-05-25", false, "substitute for Buddha's Birthday on a Sunday"],
    ["2026-10-05", false, "substitute for 10·3 on a Saturday"],
    ["2026-06-08", true, "no substitute for Memorial Day"],
    ["2027-02-09", false, "substitute for Seollal on a Sunday"],
    ["2027-02-10", true, "first working day after Seollal 2027"],
    ["2027-10-11", false, "substitute for Hangul Day on a Saturday"],
    ["2027-12-27", false, "substitute for Christmas on a Saturday"],
    ["2026-11-30", true, "an ordinary Monday"],
  ])("%s → %s (%s)", (date, expected) => {
    expect(isBusinessDay(date)).toBe(expected);
  });

  it("agrees with the lunar calendar for Seollal, Buddha's Birthday and Chuseok", () => {
    const lunar = new Intl.DateTimeFormat("en-u-ca-dangi", { month: "numeric", day: "numeric", timeZone: "UTC" });
    for (const year of KNOWN_HOLIDAY_YEARS) {
      for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) {
        const parts = Object.fromEntries(lunar.formatToParts(new Date(`${day}T00:00:00Z`)).map((p) => [p.type, p.value]));
        const md = `${parts.month}/${parts.day}`;
        if (md === "1/1" || md === "8/15") {
          expect([addDays(day, -1), day, addDays(day, 1)].map(holidayName).every(Boolean), `${md} on ${day}`).toBe(true);
        }
        if (md === "4/8") expect(holidayName(day)).toBe("부처님오신날");
      }
    }
  });

  it("lists every substitute holiday on a weekday", () => {
    const substitutes = Object.entries(KOREAN_PUBLIC_HOLIDAYS).filter(([, name]) => name.startsWith("대체공휴일"));
    expect(substitutes).toHaveLength(9);
    for (const [date] of substitutes) expect(new Date(`${date}T00:00:00Z`).getUTCDay()).not.toBe(0);
    for (const [date] of substitutes) expect(new Date(`${date}T00:00:00Z`).getUTCDay()).not.toBe(6);
  });
});

describe("businessDaysBetween", () => {
  it("counts the days after `from` up to and including `to`", () => {
    expect(businessDaysBetween("2026-11-02", "2026-11-09")).toBe(5); // Mon → next Mon
    expect(businessDaysBetween("2026-11-06", "2026-11-09")).toBe(1); // Fri → Mon
    expect(businessDaysBetween("2026-11-06", "2026-11-06")).toBe(0);
    expect(businessDaysBetween("2026-11-09", "2026-11-06")).toBe(0);
  });

  it("skips Chuseok 2026 and the weekend after it", () => {
    expect(businessDaysBetween("2026-09-23", "2026-09-28")).toBe(1);
    expect(businessDaysBetween("2026-09-21", "2026-10-09")).toBe(10); // 9·22, 23, 28, 29, 30, 10·1, 2, 6, 7, 8
  });

  it("skips Seollal 2027 with its substitute day", () => {
    expect(businessDaysBetween("2027-02-05", "2027-02-10")).toBe(1);
    expect(businessDaysBetween("2027-02-01", "2027-02-12")).toBe(7); // 2,3,4,5 + 10,11,12
  });
});

describe("addBusinessDays", () => {
  it.each([
    ["2026-09-23", 1, "2026-09-28"],
    ["2026-10-02", 1, "2026-10-06"],
    ["2026-06-02", 1, "2026-06-04"],
    ["2027-02-05", 1, "2027-02-10"],
    ["2027-02-05", 5, "2027-02-16"],
    ["2026-11-30", 0, "2026-11-30"],
    ["2026-12-24", 2, "2026-12-29"],
  ])("%s + %i business days = %s", (from, n, expected) => {
    expect(addBusinessDays(from, n)).toBe(expected);
  });

  it("is the inverse of businessDaysBetween across both years", () => {
    for (let day = "2026-01-01"; day < "2027-12-01"; day = addDays(day, 3)) {
      for (const n of [1, 5, 12]) expect(businessDaysBetween(day, addBusinessDays(day, n))).toBe(n);
    }
  });

  it("refuses negative or fractional counts and impossible dates", () => {
    expect(() => addBusinessDays("2026-01-05", -1)).toThrow(RangeError);
    expect(() => addBusinessDays("2026-01-05", 1.5)).toThrow(RangeError);
    expect(() => businessDaysBetween("2026-02-30", "2026-03-05")).toThrow(RangeError);
  });
});

describe("koreanDate", () => {
  it("is the calendar day in Korea (UTC+9)", () => {
    expect(koreanDate(new Date("2026-09-23T14:59:59Z"))).toBe("2026-09-23");
    expect(koreanDate(new Date("2026-09-23T15:00:00Z"))).toBe("2026-09-24");
  });
});
