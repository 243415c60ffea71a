/**
 * The pool's choices without zod (like request-options.ts): pages import them from here, so the
 * schemas reach the browser only when a form is used (ADR 0043). pool.schema.ts re-exports them.
 */
export const RESOURCE_KINDS = ["GPU", "NPU"] as const;
/** Sectors in the order the pool views list them. */
export const SECTORS = ["NATIONAL_PROJECT", "INDUSTRY", "ACADEMIA_RESEARCH"] as const;
