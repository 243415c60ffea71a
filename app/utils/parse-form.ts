/**
 * One way to read a posted form (issue 14, ADR 0023): Conform's `parseWithZod` with the shared zod
 * schema of the module and the catalogue's messages. The server action and the browser (Conform's
 * `onValidate`) call the same function, so both say the same sentence in the page's language.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { configureCoercion } from "@conform-to/zod/v4/future";
import type { z } from "zod";
import { fieldErrorMap, isPageControl } from "~/i18n/field-messages";
import type { Locale } from "~/i18n/types";
import { numberFromText } from "./form-number";

// Conform's own coercion, except that a number may carry thousands separators ("1,000").
const { coerceFormValue } = configureCoercion({ type: { number: numberFromText } });

export function parseForm<Schema extends z.ZodType>(formData: FormData | URLSearchParams, schema: Schema, locale: Locale) {
  const submission = parseWithZod(formData, { schema: coerceFormValue(schema), error: fieldErrorMap(locale), disableAutoCoercion: true });
  // A list typed into one textarea (attendees, return reasons: one per line) is refused per entry
  // ("참석자 3은 …", path `attendees[2]`); the message belongs under the textarea the person typed in.
  // (Conform's reply reads this same object.)
  const errors = submission.status === "error" ? (submission.error as Record<string, string[] | null> | undefined) : undefined;
  if (errors) {
    for (const [name, messages] of Object.entries(errors)) {
      // a value the page set (a hidden version, intent) was refused: no field shows it, the form says it
      if (isPageControl(name)) {
        errors[""] = [...new Set([...(errors[""] ?? []), ...(messages ?? [])])];
        delete errors[name];
        continue;
      }
      const field = name.replace(/\[\d+\].*$/, "");
      if (field === name || formData.has(name) || typeof formData.get(field) !== "string") continue;
      errors[field] = [...(errors[field] ?? []), ...(messages ?? [])];
      delete errors[name];
    }
  }
  return submission;
}
