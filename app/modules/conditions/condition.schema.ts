import { z } from "zod";
import { text } from "~/utils/schema-fields";

export { conditionFormId } from "./condition-options";

/**
 * The condition forms of the request page (Conform, parsed the same in the browser and the action).
 * Evidence is a note and/or files; the service refuses an empty report (no note, no file).
 */
const target = { conditionId: z.string().min(1).max(100), expectedVersion: z.number().int().min(1) };

export const conditionEvidenceFormSchema = z.strictObject({
  intent: z.literal("conditionEvidence"),
  ...target,
  note: text().trim().max(5000).optional(),
});
export const conditionReturnFormSchema = z.strictObject({
  intent: z.literal("conditionReturn"),
  ...target,
  reason: text().trim().min(1).max(2000),
});
export const conditionMetFormSchema = z.strictObject({ intent: z.literal("conditionMet"), ...target });

/**
 * A file chosen for upload (checked in the browser only: the server streams the upload and answers
 * refusals — none chosen, too large, wrong type — through the address, see routes/request-attachments).
 */
export const conditionUploadFormSchema = z.strictObject({
  file: z.custom<File>((value) => typeof File !== "undefined" && value instanceof File && value.size > 0, { params: { reason: "chooseFile" } }),
});

export const CONDITION_FORMS = {
  conditionEvidence: conditionEvidenceFormSchema,
  conditionReturn: conditionReturnFormSchema,
  conditionMet: conditionMetFormSchema,
} as const;
export type ConditionIntent = keyof typeof CONDITION_FORMS;
