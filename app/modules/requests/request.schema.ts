import { z } from "zod";
import { isoDate, text } from "~/utils/schema-fields";
import { REQUEST_STATES } from "#workflows/request-states";
import { AI_WORK, DATA_READINESS, DOMAINS, LIST_SORTS, SECTORS } from "./request-options";

export { AI_WORK, DATA_READINESS, DOMAINS, LIST_SORTS, SECTORS, eventFormId, type ListSort } from "./request-options";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** The intake fields (API.md). Every field is required at submit; a draft may omit any of them. */
export const intakeFields = {
  title: text().trim().min(5).max(200),
  domain: z.enum(DOMAINS),
  sector: z.enum(SECTORS),
  problemStatement: text().trim().min(20).max(5000),
  aiWork: z.enum(AI_WORK),
  gpusRequested: z.number().int().min(1).max(10_000),
  desiredStartMonth: month,
  durationMonths: z.number().int().min(1).max(60),
  dataReadiness: z.enum(DATA_READINESS),
  npuCapable: z.boolean(),
  expectedOutcomes: text().trim().min(10).max(3000),
  budgetKrw: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  contactName: text().trim().min(1).max(100),
  contactEmail: text().trim().email().max(200),
};

export const completeIntakeSchema = z.strictObject(intakeFields);
export const draftIntakeSchema = completeIntakeSchema.partial();
export type DraftIntake = z.infer<typeof draftIntakeSchema>;

export const patchRequestSchema = draftIntakeSchema.extend({ expectedVersion: z.number().int().min(1) });

const actorFree = { expectedVersion: z.number().int().min(1) };
const condition = z.strictObject({ text: text().trim().min(1).max(1000), dueOn: isoDate() });
const reason = text().trim().min(1).max(2000);
/** What DECIDE records and AMEND_DECISION corrects. */
const decisionFields = {
  outcome: z.enum(["approve", "approveWithConditions", "defer", "reject"]),
  approvedGpus: z.number().int().min(0),
  conditions: z.array(condition).max(20).optional(),
  note: text().max(2000).optional(),
};

/** Event bodies a client may send (facts such as plan signatures are added by the server). */
export const eventBodySchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("SUBMIT"), ...actorFree }),
  z.strictObject({ type: z.literal("RESUBMIT"), ...actorFree }),
  z.strictObject({ type: z.literal("WITHDRAW"), reason: text().trim().min(1).max(2000), ...actorFree }),
  z.strictObject({ type: z.literal("ACCEPT"), note: text().max(2000).optional(), ...actorFree }),
  z.strictObject({ type: z.literal("RETURN"), reasons: z.array(text().trim().min(1).max(2000)).min(1).max(20), ...actorFree }),
  z.strictObject({ type: z.literal("SCHEDULE"), meetingId: z.string().min(1), ...actorFree }),
  z.strictObject({ type: z.literal("UNSCHEDULE"), reason, ...actorFree }),
  z.strictObject({ type: z.literal("DECIDE"), ...decisionFields, ...actorFree }),
  z.strictObject({ type: z.literal("AMEND_DECISION"), ...decisionFields, reason, ...actorFree }),
  z.strictObject({ type: z.literal("SIGN"), comment: text().max(2000).optional(), ...actorFree }),
  z.strictObject({ type: z.literal("REFUSE_SIGNOFF"), reason, ...actorFree }),
  z.strictObject({ type: z.literal("RECONSIDER"), meetingId: z.string().min(1), reason, ...actorFree }),
  z.strictObject({ type: z.literal("CONDITIONS_MET"), ...actorFree }),
  z.strictObject({ type: z.literal("START"), ...actorFree }),
  z.strictObject({ type: z.literal("CLOSE"), ...actorFree }),
]);
export type EventBody = z.infer<typeof eventBodySchema>;

/** Filters, search, sort and cursor of the request list (page and `GET /api/v1/requests`). */
export const listQuerySchema = z.object({
  state: z.enum(REQUEST_STATES).optional(),
  /** Organization code; ignored for ministry officers (they only ever see their own ministry). */
  ministry: z.string().max(40).optional(),
  sector: z.enum(SECTORS).optional(),
  domain: z.enum(DOMAINS).optional(),
  /** Part of the title or of the reference number. */
  q: text().trim().max(200).optional(),
  sort: z.enum(LIST_SORTS).default("newest"),
  /** Opaque: the `nextCursor` of the previous page (same filters and sort). */
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListQuery = z.input<typeof listQuerySchema>;

/** Query-string parameters without the blanks a GET form sends for "all". */
export function nonEmptyParams(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...params].filter(([, v]) => v.trim() !== ""));
}

/** The withdraw confirmation form (the same reason rule as the WITHDRAW event). */
export const withdrawFormSchema = z.strictObject({
  reason: text().trim().min(1).max(2000),
  expectedVersion: z.number().int().min(1),
});

/** The sign-off inbox's forms (one pair per decision): sign with an optional comment, refuse with a reason. */
const signoffTarget = { requestId: z.string().min(1).max(100), expectedVersion: z.number().int().min(1) };
export const signFormSchema = z.strictObject({ type: z.literal("SIGN"), ...signoffTarget, comment: text().trim().max(2000).optional() });
export const refuseSignoffFormSchema = z.strictObject({ type: z.literal("REFUSE_SIGNOFF"), ...signoffTarget, reason: text().trim().min(1).max(2000) });

/* The request page's event forms (Conform, parsed the same in the browser and the action): one schema
   per event the page offers, with the form's field names; the output is the API's event body. */

const version = { expectedVersion: z.number().int().min(1) };
const requiredReason = text().trim().min(1).max(2000);
const optionalNote = text().trim().max(2000).optional();
/** Return reasons typed one per line (blank lines ignored), each checked as the API checks it. */
const reasonLines = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .pipe(z.array(requiredReason).min(1).max(20));

export const eventFormSchemas = {
  SUBMIT: z.strictObject({ type: z.literal("SUBMIT"), ...version }),
  RESUBMIT: z.strictObject({ type: z.literal("RESUBMIT"), ...version }),
  START: z.strictObject({ type: z.literal("START"), ...version }),
  CLOSE: z.strictObject({ type: z.literal("CLOSE"), ...version }),
  ACCEPT: z.strictObject({ type: z.literal("ACCEPT"), note: optionalNote, ...version }),
  RETURN: z.strictObject({ type: z.literal("RETURN"), reasons: reasonLines, ...version }),
  UNSCHEDULE: z.strictObject({ type: z.literal("UNSCHEDULE"), reason: requiredReason, ...version }),
  SIGN: z.strictObject({ type: z.literal("SIGN"), comment: optionalNote, ...version }),
  REFUSE_SIGNOFF: z.strictObject({ type: z.literal("REFUSE_SIGNOFF"), reason: requiredReason, ...version }),
  SCHEDULE: z.strictObject({ type: z.literal("SCHEDULE"), meetingId: z.string().min(1).max(100), ...version }),
  RECONSIDER: z.strictObject({ type: z.literal("RECONSIDER"), meetingId: z.string().min(1).max(100), reason: requiredReason, ...version }),
} as const;
export type PageEventType = keyof typeof eventFormSchemas;
export const isPageEventType = (type: unknown): type is PageEventType => typeof type === "string" && Object.hasOwn(eventFormSchemas, type);
