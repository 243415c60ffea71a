import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMonth, formatNumber } from "./format";

// The server and the browser must print the same text (a difference is a hydration error), so these
// strings are fixed here rather than taken from the machine's ICU data.
describe("formatting in Korean time, independent of the runtime's ICU data", () => {
  it("dates and times", () => {
    const at = "2026-12-02T16:13:00Z"; // 2026-12-03 01:13 in Korea
    expect(formatDate("ko", at)).toBe("2026. 12. 3.");
    expect(formatDate("en", at)).toBe("Dec 3, 2026");
    expect(formatDateTime("ko", at)).toBe("2026. 12. 3. 오전 1:13");
    expect(formatDateTime("en", at)).toBe("Dec 3, 2026, 1:13 AM");
    expect(formatDateTime("ko", "2026-12-03T03:05:00Z")).toBe("2026. 12. 3. 오후 12:05");
    expect(formatDateTime("en", "2026-12-02T15:00:00Z")).toBe("Dec 3, 2026, 12:00 AM");
  });
  it("a calendar date string stays that date", () => {
    expect(formatDate("ko", "2026-12-31")).toBe("2026. 12. 31.");
  });
  it("months and numbers", () => {
    expect(formatMonth("ko", "2027-03")).toBe("2027년 3월");
    expect(formatMonth("en", "2027-03")).toBe("Mar 2027");
    expect(formatNumber("ko", 52000)).toBe("52,000");
    expect(formatNumber("en", 1234567)).toBe("1,234,567");
    expect(formatNumber("ko", -1234)).toBe("-1,234");
    expect(formatNumber("en", 0)).toBe("0");
    expect(formatNumber("ko", 1.5)).toBe("1.5");
  });
  it("whole numbers as ICU groups them, in both languages, and the rest by ICU itself", () => {
    const intl = { ko: new Intl.NumberFormat("ko-KR"), en: new Intl.NumberFormat("en-US") };
    const values = [0, 7, -7, 999, -999, 1000, -1000, 9999, 10000, 99999, 100000, 999999, 1000000, 1234567, -7654321, 52000, 13000];
    for (let v = 1; v < Number.MAX_SAFE_INTEGER / 7; v = v * 7 + 3) values.push(v, -v, v + 1);
    values.push(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, -0, 0.1, 2.5, 1234.5678, 1e21, -1e22, Number.MAX_SAFE_INTEGER + 2);
    for (const locale of ["ko", "en"] as const) for (const v of values) expect(formatNumber(locale, v), `${locale} ${v}`).toBe(intl[locale].format(v));
  });
});
