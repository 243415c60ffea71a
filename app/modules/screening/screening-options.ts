/**
 * The screening page's choices without zod (like request-options.ts), so the schemas reach the
 * browser only when a form is used (ADR 0043). screening.schema.ts re-exports them.
 */
/** Common reasons for returning a submission (the page offers them as checkboxes; catalogue keys). */
export const RETURN_REASONS = ["incomplete", "attachment", "gpuJustification", "dataPlan", "npuReview", "kpi", "duplicate"] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
