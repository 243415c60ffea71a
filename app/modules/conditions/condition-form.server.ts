import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { formAction } from "~/utils/page-action.server";
import { CONDITION_FORMS, conditionFormId, type ConditionIntent } from "./condition.schema";
import { markConditionMet, returnEvidence, submitEvidence } from "./conditions.server";

export const isConditionIntent = (intent: unknown): intent is ConditionIntent => typeof intent === "string" && Object.hasOwn(CONDITION_FORMS, intent);

/**
 * A condition form on the request page → the conditions service. Read by Conform with the form's
 * schema; the answer names the condition, so the page says it beside that condition.
 */
export async function handleConditionForm({ user, locale, form }: { user: CurrentUser; locale: Locale; form: FormData }) {
  const intent = form.get("intent");
  if (!isConditionIntent(intent)) throw new Response(null, { status: 400 });
  const conditionId = String(form.get("conditionId") ?? "");
  const extra = { conditionId, intent: intent as string };
  const id = conditionFormId(intent, conditionId);
  switch (intent) {
    case "conditionEvidence":
      return formAction({
        locale,
        formData: form,
        schema: CONDITION_FORMS.conditionEvidence,
        form: id,
        extra,
        // nothing to report (no note and no file): said beside the note
        fieldOf: (error) => (error.messageKey === "condition.error.evidenceRequired" ? "note" : undefined),
        work: async ({ conditionId, expectedVersion, note }) => {
          await submitEvidence({ user, conditionId, expectedVersion, note: note ?? "" });
          return "condition.evidenceSubmitted";
        },
      });
    case "conditionReturn":
      return formAction({
        locale,
        formData: form,
        schema: CONDITION_FORMS.conditionReturn,
        form: id,
        extra,
        work: async ({ conditionId, expectedVersion, reason }) => {
          await returnEvidence({ user, conditionId, expectedVersion, reason });
          return "condition.returned";
        },
      });
    case "conditionMet":
      return formAction({
        locale,
        formData: form,
        schema: CONDITION_FORMS.conditionMet,
        form: id,
        extra,
        work: async ({ conditionId, expectedVersion }) => {
          const result = await markConditionMet({ user, conditionId, expectedVersion });
          return result.requestState === "approved" ? "condition.allMet" : "condition.markedMet";
        },
      });
  }
}
