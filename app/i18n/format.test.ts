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
  });
});
