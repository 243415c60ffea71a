/**
 * CSV export of a meeting's agenda (RFC 4180), made for Excel on Korean Windows:
 * UTF-8 with a byte-order mark (without it Excel reads the file as CP949 and garbles Hangul),
 * CRLF line ends, every text cell quoted when it must be, and text cells that a spreadsheet would
 * run as a formula (= + - @, tab, carriage return) prefixed with a single quote.
 */
export type CsvCell = string | number | null | undefined;

export const BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: numbers as they are; text guarded against formula injection and quoted if needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to a CSV document: BOM, cells joined by commas, records ended by CRLF. */
export function toCsv(rows: CsvCell[][]): string {
  return BOM + rows.map((row) => row.map(csvCell).join(",") + "\r\n").join("");
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback name and the real (Korean) name as an
 * RFC 5987 `filename*` (percent-encoded UTF-8; `'()*` are not attr-chars, so they are encoded too).
 */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export interface AgendaCsvItem {
  position: number;
  /** 의안번호 within the meeting */
  number: number;
  request: {
    reference: string | null;
    title: string | null;
    state: string;
    gpusRequested: number | null;
    agreedGpus: number | null;
    problemStatement: string | null;
    ministry: { name: string; nameEn: string };
  };
  decision: { outcome: string; approvedGpus: number; status: string } | null;
}

export interface AgendaCsvLabels {
  header: string[];
  state: (state: string) => string;
  outcome: (outcome: string) => string;
  /** the outcome cell of a decision whose sign-off was refused (it never reads as the outcome) */
  refused: string;
  /** 의안번호 as people cite it, e.g. 제3회-2 */
  agendaNumber: (item: number) => string;
}

/** The agenda as CSV rows: a header in the page language, then one row per item in agenda order. */
export function agendaCsvRows(items: AgendaCsvItem[], locale: "ko" | "en", labels: AgendaCsvLabels): CsvCell[][] {
  const refused = (item: AgendaCsvItem) => item.decision?.status === "refused";
  return [
    labels.header,
    ...items.map((item, index) => [
      index + 1,
      labels.agendaNumber(item.number),
      item.request.reference,
      item.request.title,
      locale === "ko" ? item.request.ministry.name : item.request.ministry.nameEn,
      item.request.gpusRequested,
      item.request.agreedGpus,
      labels.state(item.request.state),
      item.decision ? (refused(item) ? labels.refused : labels.outcome(item.decision.outcome)) : null,
      item.decision && !refused(item) ? item.decision.approvedGpus : null,
      item.request.problemStatement,
    ]),
  ];
}
