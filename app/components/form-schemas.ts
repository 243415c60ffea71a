/**
 * Every page form's zod schema, by name (ADR 0043). The browser loads this module (with zod and
 * Conform's zod integration) only when someone starts on a form, not with the page: a page that is
 * read and not filled in never downloads the validation. Forms name their schema (`useSchemaForm({
 * form: "withdraw" })`); the HTML constraints of each come from `form-constraints.generated.ts`,
 * worked out from these schemas by `npm run forms:constraints` and held equal to them by a test.
 * The server's actions import the schemas themselves; this module is for the browser and that script.
 */
import type { z } from "zod";
import type { Locale } from "~/i18n/types";
import { validationKo } from "~/i18n/validation.messages";
import { validationEn } from "~/i18n/validation.messages.en";
import { commentFormSchema } from "~/modules/comments/comment.schema";
import {
  conditionEvidenceFormSchema,
  conditionMetFormSchema,
  conditionReturnFormSchema,
  conditionUploadFormSchema,
} from "~/modules/conditions/condition.schema";
import { addAgendaFormSchema, createMeetingFormSchema, decisionFormSchema, reasonFormSchema, updateMeetingFormSchema } from "~/modules/meetings/meeting.schema";
import { planFormSchema, signPlanFormSchema } from "~/modules/plans/plan.schema";
import { allocateFormSchema, createTrancheFormSchema, setPoolFormSchema, updateTrancheFormSchema } from "~/modules/pool/pool.schema";
import { intakeFormSchema, parseIntakeForm } from "~/modules/requests/intake-form";
import { eventFormSchemas, refuseSignoffFormSchema, signFormSchema, withdrawFormSchema } from "~/modules/requests/request.schema";
import { bulkScreeningFormSchema } from "~/modules/screening/screening.schema";
import { changePasswordSchema, createUserFormSchema } from "~/modules/users/users.schema";
import { parseForm } from "~/utils/parse-form";

/** `{ SUBMIT: s }` → `{ "event.SUBMIT": s }`: a family of schemas under one prefix. */
function prefixed<P extends string, T extends Record<string, z.ZodType>>(prefix: P, family: T) {
  return Object.fromEntries(Object.entries(family).map(([key, schema]) => [`${prefix}.${key}`, schema])) as {
    [K in keyof T & string as `${P}.${K}`]: T[K];
  };
}

export const formSchemas = {
  comment: commentFormSchema,
  conditionEvidence: conditionEvidenceFormSchema,
  conditionReturn: conditionReturnFormSchema,
  conditionMet: conditionMetFormSchema,
  conditionUpload: conditionUploadFormSchema,
  meetingCreate: createMeetingFormSchema,
  meetingUpdate: updateMeetingFormSchema,
  meetingReason: reasonFormSchema,
  agendaAdd: addAgendaFormSchema,
  decision: decisionFormSchema,
  plan: planFormSchema,
  planSign: signPlanFormSchema,
  allocate: allocateFormSchema,
  trancheCreate: createTrancheFormSchema,
  trancheUpdate: updateTrancheFormSchema,
  poolTotal: setPoolFormSchema,
  withdraw: withdrawFormSchema,
  sign: signFormSchema,
  refuseSignoff: refuseSignoffFormSchema,
  screening: bulkScreeningFormSchema,
  password: changePasswordSchema,
  userCreate: createUserFormSchema,
  ...prefixed("event", eventFormSchemas),
  /** the intake form's constraints are those of "save and submit"; it is checked by `validateForm` at its button's strictness */
  intake: intakeFormSchema("submit"),
};

export type FormName = keyof typeof formSchemas;

/** The field messages in both languages: the browser's catalogue gets them with this module (ADR 0044). */
export const fieldMessages = { ko: validationKo, en: validationEn };

/** Checks a form the way its action will (same schema, same sentences in the page's language). */
export function validateForm(name: FormName, formData: FormData, locale: Locale) {
  if (name === "intake") return parseIntakeForm(formData, locale);
  return parseForm(formData, formSchemas[name], locale);
}
