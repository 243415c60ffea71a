import { formatMonth } from "~/i18n/format";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import { currentMonthInKorea, startMonthInPast } from "./submit-rules";
import { zodLocale } from "./intake-form";
import { completeIntakeSchema, type DraftIntake } from "./request.schema";

export { zodLocale };

/** The intake fields of a parsed form, without the form's own controls. */
export function intakeOnly(value: Record<string, unknown>): DraftIntake {
  const { intent: _i, expectedVersion: _v, ...fields } = value;
  return fields as DraftIntake;
}

/** What a request still lacks before it can be submitted: `{ field: message }`, or null when complete. */
export function missingForSubmit(values: Record<string, unknown>, locale: Locale): Record<string, string> | null {
  const check = completeIntakeSchema.safeParse(values, { error: zodLocale(locale), reportInput: true });
  if (check.success) return null;
  return Object.fromEntries(check.error.issues.map((i) => [i.path.join("."), i.message]));
}

/**
 * Rules of submitting that the form can answer before anything is saved (issue 14: "save and submit"
 * with a past start month says why on the first try, beside the field, and stores nothing).
 */
export function submitFieldErrors(values: Record<string, unknown>, locale: Locale): Record<string, string[]> | null {
  const month = values.desiredStartMonth;
  if (typeof month === "string" && startMonthInPast(month)) {
    return { desiredStartMonth: [translate(locale, "error.startMonthPast", { month: formatMonth(locale, currentMonthInKorea()) })] };
  }
  return null;
}

/** Where a saved draft goes: its page, or (Enter in a field: the form's default button, `?stay`) back to its form. */
export function savedUrl(request: Request, requestId: string): string {
  return new URL(request.url).searchParams.has("stay") ? `/requests/${requestId}/edit?notice=saved` : `/requests/${requestId}?notice=saved`;
}

/** The stored intake values of a request (nulls left out, BigInt budget as a number). */
export function storedIntake(row: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(completeIntakeSchema.shape)) {
    const value = row[key];
    if (value !== null && value !== undefined) fields[key] = typeof value === "bigint" ? Number(value) : value;
  }
  return fields;
}
