/**
 * What the meeting pages show and name without zod (like request-options.ts): a page imports these
 * from here, so the schemas reach the browser only when a form is used (ADR 0043).
 * meeting.schema.ts re-exports them.
 */
export const OUTCOMES = ["approve", "approveWithConditions", "defer", "reject"] as const;
export const MAX_CONDITIONS = 20;

/** The Conform id of an agenda item's decision form. */
export const decisionFormId = (intent: "decide" | "amend", requestId: string) => `${intent}-${requestId}`;
