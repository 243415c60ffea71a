import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it.each([
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "//evil.example",
    "///evil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%2F%2Fevil.example",
    "/%2fevil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/ /evil.example",
    "/%09/evil.example",
    "/%0d%0aSet-Cookie:x=1",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://evil.example",
    "http:evil.example",
    "evil.example",
    "",
    "%2F%2Fevil.example",
    "/%E0%A4%A", // malformed escape
    "/\u0000",
    "/\u007f",
  ])("sends %j home", (input) => {
    expect(safeRedirect(input)).toBe("/");
  });

  it.each([null, undefined, 42, {}, ["/requests"]])("sends a non-string (%j) home", (input) => {
    expect(safeRedirect(input)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/requests", "/requests"],
    ["/requests?state=draft&sort=title", "/requests?state=draft&sort=title"],
    ["/requests/abc#attachments", "/requests/abc#attachments"],
    ["/requests?q=%EB%B3%B4%EA%B1%B4", "/requests?q=%EB%B3%B4%EA%B1%B4"],
    ["/requests?q=보건", "/requests?q=%EB%B3%B4%EA%B1%B4"],
    ["/meetings/../pool", "/pool"],
  ])("keeps the same-site path %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  it("uses the fallback given", () => {
    expect(safeRedirect("//evil.example", "/login")).toBe("/login");
  });
});
