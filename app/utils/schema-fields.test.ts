import { describe, expect, it } from "vitest";
import { isCalendarDate, isoDate, text } from "./schema-fields";

describe("isoDate", () => {
  it.each(["2027-02-31", "2027-02-29", "2026-04-31", "2027-13-01", "2027-00-10", "2027-01-00", "2027-1-1", "27-01-01", "0099-01-01", "2027-01-01T00:00", ""])(
    "rejects %j",
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
      expect(isoDate().safeParse(value).success).toBe(false);
    },
  );
  it.each(["2027-02-28", "2028-02-29", "2026-12-31", "2027-01-01"])("accepts %j", (value) => {
    expect(isoDate().parse(value)).toBe(value);
  });
});

describe("text", () => {
  it("stores Korean composed (NFC), whatever form it was sent in", () => {
    const nfd = "보건 의료".normalize("NFD");
    expect(nfd).not.toBe("보건 의료");
    expect(text().trim().min(2).parse(` ${nfd} `)).toBe("보건 의료");
  });
  it("refuses a lone surrogate but keeps a pair (emoji)", () => {
    expect(text().safeParse("a\ud800b").success).toBe(false);
    expect(text().safeParse("\udc00").success).toBe(false);
    expect(text().parse("웃음 😀")).toBe("웃음 😀");
  });
  it("refuses the NUL character (PostgreSQL stores no U+0000 in text)", () => {
    expect(text().safeParse("a\u0000b").success).toBe(false);
    expect(text().trim().min(1).safeParse("\u0000").success).toBe(false);
  });
  it("checks length after normalizing", () => {
    const nfd = "가".normalize("NFD"); // two code points decomposed, one composed
    expect(text().max(1).safeParse(nfd).success).toBe(true);
  });
});
