/**
 * The conditions panel's form ids without zod (like request-options.ts), so the schemas reach the
 * browser only when a form is used (ADR 0043). condition.schema.ts re-exports it.
 */
import type { ConditionIntent } from "./condition.schema";

/** The Conform id of a condition's form (`upload` is the evidence file form). */
export const conditionFormId = (intent: ConditionIntent | "upload", conditionId: string) => `${intent}-${conditionId}`;
