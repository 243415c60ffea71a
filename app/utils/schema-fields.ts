import { z } from "zod";

/**
 * What no one types and no database stores as text: a lone surrogate (half of a pair; `"\ud800"` in
 * JSON) or the NUL character (U+0000, which PostgreSQL refuses in text).
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
export const NOT_TEXT = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/;

/**
 * Text a person typed: stored in Unicode NFC, so Korean sent decomposed (NFD, as macOS file names
 * and some input methods produce it) is found by a search typed composed, and never what is not text
 * (`NOT_TEXT`). Chain `.trim().min().max()` as with `z.string()`.
 */
export const text = () =>
  z
    .string()
    .refine((s) => !NOT_TEXT.test(s), { params: { reason: "badCharacter" } })
    .normalize("NFC");

/** Whether `YYYY-MM-DD` names a day of the calendar (no 2027-02-31). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1000 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar day, `YYYY-MM-DD`. */
export const isoDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine(isCalendarDate, { params: { reason: "notCalendarDay" } });
