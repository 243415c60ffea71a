/**
 * A4 documents made on the server with pdfkit: a title block, label/value tables, paragraphs, lists,
 * a "draft" stamp and signature lines, with the Korean font embedded (subset) and a footer on every
 * page (page n / N and when it was made). The document modules say what goes in; this says how it looks.
 */
import PDFDocument from "pdfkit";
import { formatDateTime } from "~/i18n/format";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import { now } from "~/utils/clock";
import { pdfFont } from "./fonts.server";

const MARGIN = 56; // about 20 mm
const LABEL_WIDTH = 120;
const INK = "#0f172a";
const MUTED = "#475569";
const LINE = "#cbd5e1";

export interface PdfWriter {
  title(text: string): void;
  meta(text: string): void;
  heading(text: string): void;
  paragraph(text: string, options?: { muted?: boolean; align?: "left" | "right" | "center" }): void;
  /** Label/value rows; a value may be several lines (an array is one line each). */
  fields(rows: [label: string, value: string | string[]][]): void;
  bullets(items: string[]): void;
  stamp(text: string): void;
  space(points?: number): void;
  rule(): void;
}

export async function renderPdf(
  { title, subject, locale }: { title: string; subject?: string; locale: Locale },
  draw: (pdf: PdfWriter) => void | Promise<void>,
): Promise<Buffer> {
  const regular = pdfFont("regular");
  const bold = pdfFont("bold");
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: locale === "ko" ? "ko-KR" : "en-US",
    displayTitle: true,
    info: { Title: title, Subject: subject ?? title, Author: translate(locale, "app.name"), Creator: translate(locale, "app.name") },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("body", regular.data, regular.family as string);
  doc.registerFont("bold", bold.data, bold.family as string);
  doc.font("body").fontSize(10.5).fillColor(INK);

  const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const left = () => doc.page.margins.left;

  const writer: PdfWriter = {
    title(text) {
      doc.font("bold").fontSize(20).fillColor(INK).text(text, left(), doc.y, { width: width(), align: "center" });
      doc.moveDown(0.4);
      doc.font("body").fontSize(10.5);
    },
    meta(text) {
      doc.font("body").fontSize(9.5).fillColor(MUTED).text(text, left(), doc.y, { width: width(), align: "center" });
      doc.fillColor(INK).fontSize(10.5).moveDown(0.6);
    },
    heading(text) {
      ensure(40);
      doc.moveDown(0.6);
      doc.font("bold").fontSize(13).fillColor(INK).text(text, left(), doc.y, { width: width() });
      const y = doc.y + 2;
      doc
        .moveTo(left(), y)
        .lineTo(left() + width(), y)
        .lineWidth(0.8)
        .strokeColor(LINE)
        .stroke();
      doc.y = y + 6;
      doc.font("body").fontSize(10.5);
    },
    paragraph(text, options = {}) {
      doc
        .font("body")
        .fontSize(10.5)
        .fillColor(options.muted ? MUTED : INK);
      ensure(doc.heightOfString(text.split("\n")[0] || " ", { width: width() }));
      doc.text(text, left(), doc.y, { width: width(), align: options.align ?? "left", lineGap: 2 });
      doc.fillColor(INK).moveDown(0.4);
    },
    fields(rows) {
      const valueWidth = width() - LABEL_WIDTH - 8;
      for (const [label, value] of rows) {
        const text = (Array.isArray(value) ? value.join("\n") : value) || "–";
        doc.font("body").fontSize(10.5);
        const height = Math.max(doc.heightOfString(text, { width: valueWidth, lineGap: 2 }), doc.font("bold").heightOfString(label, { width: LABEL_WIDTH }));
        ensure(Math.min(height, 120) + 8);
        const y = doc.y;
        doc.font("bold").fontSize(10.5).fillColor(MUTED).text(label, left(), y, { width: LABEL_WIDTH });
        doc
          .font("body")
          .fillColor(INK)
          .text(text, left() + LABEL_WIDTH + 8, y, { width: valueWidth, lineGap: 2 });
        const end = Math.max(doc.y, y + 14);
        doc
          .moveTo(left(), end + 3)
          .lineTo(left() + width(), end + 3)
          .lineWidth(0.4)
          .strokeColor(LINE)
          .stroke();
        doc.y = end + 7;
      }
      doc.moveDown(0.2);
    },
    bullets(items) {
      doc.font("body").fontSize(10.5).fillColor(INK);
      for (const item of items) {
        ensure(16);
        doc.text(`•  ${item}`, left() + 8, doc.y, { width: width() - 8, lineGap: 2, indent: 0 });
      }
      doc.moveDown(0.4);
    },
    stamp(text) {
      ensure(34);
      const y = doc.y;
      doc.font("bold").fontSize(11);
      const h = doc.heightOfString(text, { width: width() - 16 }) + 12;
      doc.rect(left(), y, width(), h).lineWidth(1.2).strokeColor("#b91c1c").stroke();
      doc.fillColor("#b91c1c").text(text, left() + 8, y + 6, { width: width() - 16, align: "center" });
      doc.fillColor(INK).font("body").fontSize(10.5);
      doc.y = y + h + 8;
    },
    space(points = 12) {
      doc.y += points;
    },
    rule() {
      const y = doc.y + 4;
      doc
        .moveTo(left(), y)
        .lineTo(left() + width(), y)
        .lineWidth(0.8)
        .strokeColor(LINE)
        .stroke();
      doc.y = y + 8;
    },
  };

  await draw(writer);

  // footer on every page: what this is, when it was made, page n / N
  const range = doc.bufferedPageRange();
  const made = translate(locale, "reports.pdf.generatedAt", { at: formatDateTime(locale, now()) });
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the bottom margin must not open a new page
    const y = doc.page.height - MARGIN;
    doc.font("body").fontSize(8.5).fillColor(MUTED);
    doc.text(`${title} · ${made}`, left(), y, { width: width() - 60, lineBreak: false, ellipsis: true });
    doc.text(translate(locale, "reports.pdf.page", { page: i - range.start + 1, pages: range.count }), left() + width() - 60, y, {
      width: 60,
      align: "right",
      lineBreak: false,
    });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return finished;
}
