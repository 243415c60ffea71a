/**
 * The intake form's parsing, shared by the browser (Conform's client validation) and the server
 * action, so both give the same messages in the page's language. Two strictness levels from the one
 * schema: "save" (a draft, any field may be missing) and "submit" (every field required).
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { configureCoercion } from "@conform-to/zod/v4/future";
import { z } from "zod";
import { fieldErrorMap } from "~/i18n/field-messages";
import { numberFromText } from "~/utils/form-number";
import type { Locale } from "~/i18n/types";
import { intakeFields } from "./request.schema";

export type IntakeIntent = "save" | "submit";

const formExtras = {
  intent: z.enum(["save", "submit"]).optional(),
  expectedVersion: z.number().int().min(1).optional(),
};

const schemas = {
  save: z.strictObject(intakeFields).partial().extend(formExtras),
  submit: z.strictObject(intakeFields).extend(formExtras),
};

/** The intake schema at the strictness the pressed button asks for (plus the form's own fields). */
export function intakeFormSchema(intent: IntakeIntent) {
  return schemas[intent];
}

// Form values are strings: blanks are "missing", numbers may carry thousands separators (numberFromText),
// radios say true/false.
const { coerceFormValue } = configureCoercion({
  stripEmptyString: (value) => (value.trim() === "" ? undefined : value),
  type: {
    number: numberFromText,
    boolean: (text) => {
      if (text === "true" || text === "on") return true;
      if (text === "false") return false;
      throw new Error("Not a boolean");
    },
  },
});

/** Field messages in the page language: the one catalogue mapping (app/i18n/field-messages.ts). */
export const zodLocale = fieldErrorMap;

export function intentOf(formData: FormData): IntakeIntent {
  return formData.get("intent") === "submit" ? "submit" : "save";
}

/** Parses a posted intake form at the strictness of its `intent` button (Conform submission). */
export function parseIntakeForm(formData: FormData, locale: Locale) {
  return parseWithZod(formData, {
    schema: coerceFormValue(intakeFormSchema(intentOf(formData))),
    error: zodLocale(locale),
    disableAutoCoercion: true,
  });
}
