/**
 * The request's top-level states (DOMAIN.md "The workflow"), in the order the pages list them. Kept
 * apart from the machine (demand-request.machine.ts re-exports them) so that a page or a schema that
 * only needs the names does not bring the machine and XState into the browser's bundle.
 * workflow-diagram.test.ts holds them equal to the machine's states.
 */
export const REQUEST_STATES = [
  "draft",
  "screening",
  "revision",
  "jointPlanning",
  "onAgenda",
  "awaitingSignoff",
  "approved",
  "conditionallyApproved",
  "rejected",
  "allocated",
  "active",
  "closed",
  "withdrawn",
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const FINAL_STATES: readonly RequestState[] = ["closed", "withdrawn"];
