import { data } from "react-router";
import { z } from "zod";
import { text } from "~/utils/schema-fields";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { AppError } from "~/utils/errors";
import { fieldErrors } from "~/utils/api.server";
import { markConditionMet, returnEvidence, submitEvidence } from "./conditions.server";

const formSchema = z.object({
  intent: z.enum(["conditionEvidence", "conditionMet", "conditionReturn"]),
  conditionId: z.string().min(1),
  expectedVersion: z.coerce.number().int().min(1),
  note: text().max(5000).default(""),
  reason: text().max(2000).default(""),
});

export const isConditionIntent = (intent: unknown) => typeof intent === "string" && intent.startsWith("condition");

/** A condition form on the request page → the conditions service → a banner in the page language. */
export async function handleConditionForm({ user, locale, form }: { user: CurrentUser; locale: Locale; form: FormData }) {
  const parsed = formSchema.safeParse(Object.fromEntries(form), { reportInput: true });
  if (!parsed.success) {
    const message = Object.values(fieldErrors(parsed.error, locale))[0] ?? translate(locale, "error.validation");
    return data({ ok: false, conflict: false, message }, { status: 422 });
  }
  const { intent, conditionId, expectedVersion, note, reason } = parsed.data;
  try {
    if (intent === "conditionEvidence") {
      await submitEvidence({ user, conditionId, expectedVersion, note });
      return { ok: true, conflict: false, message: translate(locale, "condition.evidenceSubmitted") };
    }
    if (intent === "conditionReturn") {
      await returnEvidence({ user, conditionId, expectedVersion, reason });
      return { ok: true, conflict: false, message: translate(locale, "condition.returned") };
    }
    const result = await markConditionMet({ user, conditionId, expectedVersion });
    const key = result.requestState === "approved" ? "condition.allMet" : "condition.markedMet";
    return { ok: true, conflict: false, message: translate(locale, key) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404 || error.status === 403) throw new Response(null, { status: error.status });
    const conflict = error.code === "VERSION_CONFLICT";
    const message = conflict ? translate(locale, "request.conflict") : translate(locale, error.messageKey, error.params);
    return data({ ok: false, conflict, message }, { status: error.status });
  }
}
