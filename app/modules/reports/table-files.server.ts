/**
 * Tables as files, streamed: CSV (for Excel on Korean Windows: BOM, CRLF, RFC 4180 quoting, formula
 * guard — the cell encoder of the agenda CSV) and XLSX (a real workbook through exceljs' streaming
 * writer: typed numbers and dates, bold frozen header row, column widths). Rows come in batches from
 * an async source and leave as they are written, so the size of a table never sits in memory.
 */
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { koreanTime } from "~/i18n/format";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import { BOM, csvCell } from "~/modules/meetings/agenda-csv";

export type ColumnType = "text" | "integer" | "dateTime" | "month" | "boolean";
export type CellValue = string | number | boolean | Date | null | undefined;

export interface Column<Row> {
  header: string;
  type: ColumnType;
  /** Width in characters (the workbook's column width). */
  width: number;
  value: (row: Row) => CellValue;
}

export interface Sheet<Row> {
  name: string;
  columns: Column<Row>[];
  rows: AsyncIterable<Row[]> | Iterable<Row[]>;
}
/** A workbook's sheets each have their own row type; a column only ever sees rows of its own sheet. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows differ per sheet (no existential types in TypeScript)
export type AnySheet = Sheet<any>;

const pad = (n: number) => String(n).padStart(2, "0");

/** `2026-12-03 14:05` in Korean time: what a person in Korea reads, in a form spreadsheets sort. */
export function koreanDateTimeText(value: Date): string {
  const t = koreanTime(value);
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
}

/**
 * Excel dates have no time zone: the cell holds the wall-clock time it should show. An instant
 * becomes its Korean wall-clock time (written as the UTC fields of a Date, which exceljs stores).
 */
export function excelKoreanDateTime(value: Date): Date {
  const t = koreanTime(value);
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute));
}

const MONTH = /^(\d{4})-(\d{2})$/;

function csvValue(type: ColumnType, value: CellValue, locale: Locale): string | number | null {
  if (value === null || value === undefined || value === "") return null;
  switch (type) {
    case "integer":
      return typeof value === "number" ? value : Number(value);
    case "dateTime":
      return value instanceof Date ? koreanDateTimeText(value) : String(value);
    case "boolean":
      return translate(locale, value ? "reports.exports.yes" : "reports.exports.no");
    default:
      return String(value);
  }
}

function xlsxValue(type: ColumnType, value: CellValue, locale: Locale): ExcelJS.CellValue {
  if (value === null || value === undefined || value === "") return null;
  switch (type) {
    case "integer":
      return typeof value === "number" ? value : Number(value);
    case "dateTime":
      return value instanceof Date ? excelKoreanDateTime(value) : String(value);
    case "month": {
      const m = MONTH.exec(String(value));
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : String(value);
    }
    case "boolean":
      return translate(locale, value ? "reports.exports.yes" : "reports.exports.no");
    default:
      return String(value);
  }
}

const NUM_FMT: Partial<Record<ColumnType, string>> = { integer: "#,##0", dateTime: "yyyy-mm-dd hh:mm", month: "yyyy-mm" };

/** One CSV record (CRLF-terminated). */
export function csvLine(cells: (string | number | null)[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

/** A table as a CSV byte stream: BOM and header first, then each batch as it is read. */
export function csvStream<Row>(sheet: Sheet<Row>, locale: Locale): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = (sheet.rows as AsyncIterable<Row[]>)[Symbol.asyncIterator]?.() ?? toAsync(sheet.rows as Iterable<Row[]>);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + csvLine(sheet.columns.map((c) => c.header))));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) return controller.close();
      let text = "";
      for (const row of next.value) text += csvLine(sheet.columns.map((c) => csvValue(c.type, c.value(row), locale)));
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await batches.return?.(undefined);
    },
  });
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/**
 * Sheets as an XLSX byte stream. The workbook is written while the response is read; an error
 * half-way ends the stream with that error (the download fails rather than looking complete).
 */
export function xlsxStream(sheets: AnySheet[], locale: Locale): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  void (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = "AX";
    for (const sheet of sheets) {
      const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
      worksheet.columns = sheet.columns.map((c, i) => ({
        key: String(i),
        header: c.header,
        width: c.width,
        style: NUM_FMT[c.type] ? { numFmt: NUM_FMT[c.type] } : {},
      }));
      const header = worksheet.getRow(1);
      header.font = { bold: true };
      header.commit();
      for await (const batch of sheet.rows) {
        for (const row of batch) worksheet.addRow(sheet.columns.map((c) => xlsxValue(c.type, c.value(row), locale))).commit();
        // let the response drain what is written before reading more from the database
        if (out.writableNeedDrain) await new Promise((resolve) => out.once("drain", resolve));
      }
      worksheet.commit();
    }
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
