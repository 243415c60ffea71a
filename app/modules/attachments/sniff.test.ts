import { describe, expect, test } from "vitest";
import { firstZipEntry, sniffMediaType } from "./sniff";

/** A ZIP local file header whose first entry is `name` (enough for the sniffer). */
function zipWithFirstEntry(name: string): Buffer {
  const header = Buffer.alloc(30);
  header.write("PK\x03\x04", 0, "latin1");
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  return Buffer.concat([header, Buffer.from(name, "utf8"), Buffer.from("payload")]);
}

const pdf = Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj");
const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const exe = Buffer.from("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode", "latin1");

describe("sniffMediaType: extension and content must agree", () => {
  test.each([
    ["plan.pdf", pdf, "application/pdf"],
    ["사업계획서.hwp", ole2, "application/x-hwp"],
    ["사업계획서.HWPX", zipWithFirstEntry("mimetype"), "application/hwp+zip"],
    ["report.docx", zipWithFirstEntry("[Content_Types].xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["report.docx", zipWithFirstEntry("word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["budget.xlsx", zipWithFirstEntry("_rels/.rels"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["chart.png", png, "image/png"],
    ["photo.jpg", jpeg, "image/jpeg"],
    ["photo.JPEG", jpeg, "image/jpeg"],
  ])("%s is accepted", (name, head, type) => {
    expect(sniffMediaType(head, name)).toBe(type);
  });

  test.each([
    ["an executable renamed .pdf", "setup.pdf", exe],
    ["an executable renamed .hwp", "계획.hwp", exe],
    ["a PDF renamed .hwp", "계획.hwp", pdf],
    ["a PNG renamed .jpg", "photo.jpg", png],
    ["a plain ZIP renamed .docx", "report.docx", zipWithFirstEntry("virus.exe")],
    ["a plain ZIP renamed .hwpx", "plan.hwpx", zipWithFirstEntry("Contents/section0.xml")],
    ["a Word package renamed .xlsx", "budget.xlsx", zipWithFirstEntry("word/document.xml")],
    ["a real PDF with a .exe name", "setup.exe", pdf],
    ["a PDF without an extension", "plan", pdf],
    ["an empty file", "empty.pdf", Buffer.alloc(0)],
    ["a truncated PDF signature", "tiny.pdf", Buffer.from("%PD")],
  ])("%s is refused", (_label, name, head) => {
    expect(sniffMediaType(head, name)).toBeNull();
  });
});

test("firstZipEntry reads the local file header's name and ignores non-ZIP data", () => {
  expect(firstZipEntry(zipWithFirstEntry("mimetype"))).toBe("mimetype");
  expect(firstZipEntry(pdf)).toBeNull();
  expect(firstZipEntry(zipWithFirstEntry("mimetype").subarray(0, 32))).toBeNull();
});
