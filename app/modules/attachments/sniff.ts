/**
 * Which file types an upload may be: the extension AND the content signature must agree, so a
 * renamed executable (or a ZIP dressed up as a Word file) is refused whatever the client claims.
 * Pure: works on the first bytes of the file and its name.
 */

/** How many leading bytes the sniffer needs (ZIP local header + first entry name). */
export const SNIFF_BYTES = 512;

export const ALLOWED_EXTENSIONS = ["pdf", "hwp", "hwpx", "docx", "xlsx", "png", "jpg", "jpeg"] as const;

const PDF = Buffer.from("%PDF-", "latin1");
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

const startsWith = (head: Buffer, sig: Buffer) => head.length >= sig.length && head.subarray(0, sig.length).equals(sig);

/** Name of the first entry of a ZIP archive (from its local file header), or null. */
export function firstZipEntry(head: Buffer): string | null {
  if (!startsWith(head, ZIP) || head.length < 30) return null;
  const length = head.readUInt16LE(26);
  if (length === 0 || head.length < 30 + length) return null;
  return head.subarray(30, 30 + length).toString("utf8");
}

/** OOXML packages start with one of their package parts; a plain ZIP renamed to .docx does not. */
function isOfficeOpenXml(entry: string | null, body: "word/" | "xl/") {
  if (entry === null) return false;
  return (
    entry === "[Content_Types].xml" || entry.startsWith("_rels/") || entry.startsWith("docProps/") || entry.startsWith("customXml/") || entry.startsWith(body)
  );
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/** The media type of an allowed file, or null when the extension and content do not agree. */
export function sniffMediaType(head: Buffer, fileName: string): string | null {
  const entry = () => firstZipEntry(head);
  switch (extensionOf(fileName)) {
    case "pdf":
      return startsWith(head, PDF) ? "application/pdf" : null;
    case "hwp":
      return startsWith(head, OLE2) ? "application/x-hwp" : null;
    case "hwpx":
      // OWPML (KS X 6101): like EPUB/ODF, the first entry is the uncompressed `mimetype`.
      return entry() === "mimetype" ? "application/hwp+zip" : null;
    case "docx":
      return isOfficeOpenXml(entry(), "word/") ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : null;
    case "xlsx":
      return isOfficeOpenXml(entry(), "xl/") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : null;
    case "png":
      return startsWith(head, PNG) ? "image/png" : null;
    case "jpg":
    case "jpeg":
      return startsWith(head, JPEG) ? "image/jpeg" : null;
    default:
      return null;
  }
}
