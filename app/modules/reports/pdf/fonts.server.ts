/**
 * The Korean font embedded in server-made PDFs (docs/decisions/0012-server-pdfs-and-exports.md).
 *
 * Noto Sans KR (SIL Open Font License) as OpenType files from the npm package `@embedpdf/fonts-kr`,
 * installed with the app like any dependency. `PDF_FONT_REGULAR` / `PDF_FONT_BOLD` name other files
 * (a `.ttc` collection takes `PDF_FONT_FAMILY_REGULAR` / `_BOLD`, the PostScript name inside it);
 * without the package, Debian's `fonts-noto-cjk` is used. pdfkit embeds only the glyphs a document
 * uses (a subset), with a ToUnicode map, so the text stays extractable (`pdftotext`).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface PdfFont {
  file: string;
  /** PostScript name of the face inside a font collection (.ttc), else undefined. */
  family?: string;
  data: Buffer;
}

export class PdfFontMissingError extends Error {
  constructor(tried: string[]) {
    super(
      `No Korean font for PDFs: install the npm dependency @embedpdf/fonts-kr (npm ci), or Debian's fonts-noto-cjk, or set PDF_FONT_REGULAR and PDF_FONT_BOLD. Tried: ${tried.join(", ")}`,
    );
    this.name = "PdfFontMissingError";
  }
}

const DEBIAN_CJK = "/usr/share/fonts/opentype/noto";

function npmFontDir(): string | null {
  try {
    const entry = createRequire(import.meta.url).resolve("@embedpdf/fonts-kr");
    return path.join(path.dirname(entry), "..", "fonts");
  } catch {
    return null;
  }
}

function candidates(weight: "regular" | "bold"): { file: string; family?: string }[] {
  const fromEnv = process.env[weight === "regular" ? "PDF_FONT_REGULAR" : "PDF_FONT_BOLD"];
  const familyEnv = process.env[weight === "regular" ? "PDF_FONT_FAMILY_REGULAR" : "PDF_FONT_FAMILY_BOLD"];
  const npm = npmFontDir();
  return [
    ...(fromEnv ? [{ file: fromEnv, family: familyEnv }] : []),
    ...(npm ? [{ file: path.join(npm, weight === "regular" ? "NotoSansKR-Regular.otf" : "NotoSansKR-Bold.otf") }] : []),
    weight === "regular"
      ? { file: path.join(DEBIAN_CJK, "NotoSansCJK-Regular.ttc"), family: "NotoSansCJKkr-Regular" }
      : { file: path.join(DEBIAN_CJK, "NotoSansCJK-Bold.ttc"), family: "NotoSansCJKkr-Bold" },
  ];
}

const loaded = new Map<string, PdfFont>();

/** The regular or bold face, read once per process; PdfFontMissingError names every place tried. */
export function pdfFont(weight: "regular" | "bold"): PdfFont {
  const known = loaded.get(weight);
  if (known) return known;
  const tried = candidates(weight);
  const found = tried.find((c) => existsSync(c.file));
  if (!found) throw new PdfFontMissingError(tried.map((c) => c.file));
  const font = { ...found, data: readFileSync(found.file) };
  loaded.set(weight, font);
  return font;
}
