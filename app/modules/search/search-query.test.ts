import { describe, expect, it } from "vitest";
import { ftsMatchExpression, likeContains, markedParts, matchRanges, parseSearchQuery, snippet } from "./search-query";

describe("parseSearchQuery", () => {
  it("splits on white space, lowercases, drops duplicates and blank queries", () => {
    expect(parseSearchQuery("  의료영상  AI  의료영상 ")).toEqual({ long: ["의료영상"], short: ["ai"] });
    expect(parseSearchQuery("   ")).toBeNull();
    expect(parseSearchQuery(undefined)).toBeNull();
  });

  it("sends 1–2 character terms (too short for trigrams) to the LIKE fallback", () => {
    expect(parseSearchQuery("병원 판독 흉부엑스레이 X")).toEqual({ long: ["흉부엑스레이"], short: ["병원", "판독", "x"] });
  });

  it("keeps at most 8 terms and 200 characters, and no control characters", () => {
    expect(parseSearchQuery("a b c d e f g h i j")?.short).toHaveLength(8);
    expect(parseSearchQuery("가".repeat(500))?.long[0]).toHaveLength(200);
    expect(parseSearchQuery("감염\u0001병")).toEqual({ long: [], short: ["감염", "병"] });
  });
});

describe("query escaping", () => {
  it("quotes every FTS term so operators and quotes in a query are only text", () => {
    expect(ftsMatchExpression(['a"b', "NEAR(x", "*OR*"])).toBe('"a""b" AND "NEAR(x" AND "*OR*"');
  });

  it("escapes LIKE wildcards", () => {
    expect(likeContains("50%_\\")).toBe("%50\\%\\_\\\\%");
  });
});

describe("marks", () => {
  it("finds every occurrence, case-insensitively, merging overlaps", () => {
    expect(matchRanges("AI 의료 ai 의료영상", ["ai", "의료"])).toEqual([
      [0, 2],
      [3, 5],
      [6, 8],
      [9, 11],
    ]);
    expect(matchRanges("abcabc", ["abc", "bca"])).toEqual([[0, 6]]);
  });

  it("cuts a snippet around the first match", () => {
    const text = `${"앞 부분 ".repeat(40)}흉부 엑스레이 판독 ${"뒤 부분 ".repeat(40)}`;
    const piece = snippet(text, ["엑스레이"], 20);
    expect(piece.text.startsWith("…")).toBe(true);
    expect(piece.text.endsWith("…")).toBe(true);
    const [s, e] = piece.ranges[0];
    expect(piece.text.slice(s, e)).toBe("엑스레이");
  });

  it("turns marks into text parts (HTML stays text)", () => {
    expect(markedParts("<b>감염병</b> 예측", [[3, 6]])).toEqual([
      { text: "<b>", match: false },
      { text: "감염병", match: true },
      { text: "</b> 예측", match: false },
    ]);
  });
});
