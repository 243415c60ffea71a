import { z } from "zod";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import { completeIntakeSchema, intakeFields, draftIntakeSchema, type DraftIntake } from "./request.schema";

const NUMBER_FIELDS = ["gpusRequested", "durationMonths", "budgetKrw"] as const;

/** Form values (strings) → the intake object the shared schema validates; blanks are omitted. */
export function intakeFromForm(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(intakeFields)) {
    const raw = String(form.get(key) ?? "").trim();
    if (raw === "") continue;
    if ((NUMBER_FIELDS as readonly string[]).includes(key)) out[key] = Number(raw.replace(/[,\s]/g, ""));
    else if (key === "npuCapable") out[key] = raw === "true";
    else out[key] = raw;
  }
  return out;
}

export function parseDraft(values: Record<string, unknown>, locale: Locale) {
  const result = draftIntakeSchema.safeParse(values, { error: zodLocale(locale) });
  if (result.success) return { ok: true as const, fields: result.data as DraftIntake };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.join(".")] ??= issue.message;
  return { ok: false as const, errors };
}

/**
 * Field messages in the page language: plain "required" / "choose one" texts from the catalogue for
 * the common cases, zod's own localized messages for the rest (lengths, ranges, formats).
 */
export function zodLocale(locale: Locale): z.core.$ZodErrorMap {
  const fallback = (locale === "ko" ? z.locales.ko() : z.locales.en()).localeError;
  return (issue) => {
    if (issue.input === undefined) return translate(locale, "request.form.required");
    if (issue.code === "invalid_value") return translate(locale, "request.form.chooseOne");
    return fallback(issue);
  };
}

/** What a request still lacks before it can be submitted: `{ field: message }`, or null when complete. */
export function missingForSubmit(values: Record<string, unknown>, locale: Locale): Record<string, string> | null {
  const check = completeIntakeSchema.safeParse(values, { error: zodLocale(locale) });
  if (check.success) return null;
  return Object.fromEntries(check.error.issues.map((i) => [i.path.join("."), i.message]));
}
