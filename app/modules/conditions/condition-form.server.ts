import { data } from "react-router";
import { z } from "zod";
import { text } from "~/utils/schema-fields";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { pageAction } from "~/utils/page-action.server";
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
  return pageAction(locale, async () => {
    if (intent === "conditionEvidence") {
      await submitEvidence({ user, conditionId, expectedVersion, note });
      return "condition.evidenceSubmitted";
    }
    if (intent === "conditionReturn") {
      await returnEvidence({ user, conditionId, expectedVersion, reason });
      return "condition.returned";
    }
    const result = await markConditionMet({ user, conditionId, expectedVersion });
    return result.requestState === "approved" ? "condition.allMet" : "condition.markedMet";
  }, { conditionId });
}
