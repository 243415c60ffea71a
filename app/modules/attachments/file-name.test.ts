import { expect, test } from "vitest";
import { asciiFallback, cleanFileName, contentDisposition, encodeRfc5987 } from "./file-name";

test("the Content-Disposition header keeps a Korean name in filename* and gives old clients an ASCII stand-in", () => {
  expect(contentDisposition("사업계획서.hwp")).toBe("attachment; filename=\"file.hwp\"; filename*=UTF-8''%EC%82%AC%EC%97%85%EA%B3%84%ED%9A%8D%EC%84%9C.hwp");
  expect(decodeURIComponent(contentDisposition("사업계획서.hwp").split("UTF-8''")[1])).toBe("사업계획서.hwp");
});

test("RFC 5987 encoding leaves only attr-chars bare (quotes, parentheses, spaces and stars are encoded)", () => {
  expect(encodeRfc5987("a b'(c)*.pdf")).toBe("a%20b%27%28c%29%2A.pdf");
  expect(encodeRfc5987("plan-v1_final.pdf")).toBe("plan-v1_final.pdf");
});

test("the ASCII fallback cannot break out of its quoted string", () => {
  expect(asciiFallback('evil".pdf')).toBe("evil_.pdf");
  expect(asciiFallback("a\\b.pdf")).toBe("a_b.pdf");
  expect(asciiFallback("2026 계획.pdf")).toBe("2026 __.pdf");
  expect(contentDisposition('x"; filename="y.exe')).toContain('filename="x_; filename=_y.exe"');
});

test("cleanFileName keeps the last path segment, composes Hangul and drops control characters", () => {
  expect(cleanFileName("C:\\fakepath\\계획서.pdf")).toBe("계획서.pdf");
  expect(cleanFileName("../../etc/passwd")).toBe("passwd");
  const decomposed = "사업계획서.hwp".normalize("NFD");
  expect(decomposed).not.toBe("사업계획서.hwp");
  expect(cleanFileName(decomposed)).toBe("사업계획서.hwp");
  expect(cleanFileName("a\u0000b\nc.pdf")).toBe("abc.pdf");
  expect(cleanFileName(`${"가".repeat(300)}.pdf`)).toMatch(/^가{196}\.pdf$/);
  expect(cleanFileName(undefined)).toBe("");
});
