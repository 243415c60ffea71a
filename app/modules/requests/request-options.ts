/**
 * The choices of a request's fields and of the list's sort, without zod: a page that only shows them
 * (the request list's filters, the intake form's selects) imports them from here, so the schemas and
 * zod stay out of its bundle unless it validates in the browser. request.schema.ts re-exports them.
 */
export const DOMAINS = [
  "HEALTH",
  "MANUFACTURING",
  "DEFENSE",
  "AGRIFOOD",
  "TRANSPORT",
  "DISASTER_SAFETY",
  "ENERGY_ENVIRONMENT",
  "EDUCATION",
  "PUBLIC_ADMIN",
  "CULTURE",
  "SCIENCE",
  "OTHER",
] as const;
export const SECTORS = ["INDUSTRY", "ACADEMIA_RESEARCH", "NATIONAL_PROJECT"] as const;
export const AI_WORK = ["FOUNDATION_TRAINING", "FINE_TUNING", "INFERENCE_SERVICE", "RESEARCH"] as const;
export const DATA_READINESS = ["READY", "PARTIAL", "NOT_READY"] as const;

export const LIST_SORTS = ["newest", "oldest", "gpus", "title"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** The Conform id of the request page's form for an event `type` (never another element's id). */
export const eventFormId = (type: string) => `event-${type}`;
