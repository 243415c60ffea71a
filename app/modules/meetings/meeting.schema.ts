import { z } from "zod";
import { isoDate, text } from "~/utils/schema-fields";
import { MAX_CONDITIONS, OUTCOMES } from "./meeting-options";

export { MAX_CONDITIONS, OUTCOMES, decisionFormId } from "./meeting-options";

export const MEETING_STATUSES = ["planning", "agendaLocked", "held", "minutesPublished", "cancelled"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Why an agenda item left its agenda before a decision. */
export const REMOVALS = ["unscheduled", "withdrawn", "moved", "meetingCancelled"] as const;

const day = isoDate();
/** Korean time, 24-hour `HH:MM`. */
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const title = text().trim().min(2).max(200);
const place = text().trim().min(1).max(200);
/** 참석자: one entry per person or office, at most 50. */
const attendees = z.array(text().trim().min(1).max(100)).max(50);
const reason = text().trim().min(1).max(2000);

/** `date` must also not be before today in Korea — a rule of the service (it needs the clock). */
export const createMeetingSchema = z.strictObject({
  number: z.number().int().min(1).max(10_000),
  date: day,
  startTime: time.optional(),
  title,
  place,
  attendees: attendees.optional(),
});
export type CreateMeeting = z.infer<typeof createMeetingSchema>;

/** PATCH /meetings/:id while the agenda is not locked: any of the fields; a `date` not in the past. */
export const updateMeetingSchema = z.strictObject({
  expectedVersion: z.number().int().min(1).optional(),
  date: day.optional(),
  startTime: time.nullable().optional(),
  title: title.optional(),
  place: place.optional(),
  attendees: attendees.optional(),
});
export type UpdateMeeting = Omit<z.infer<typeof updateMeetingSchema>, "expectedVersion">;

export const addAgendaItemSchema = z.strictObject({
  requestId: z.string().min(1).max(100),
  expectedVersion: z.number().int().min(1).optional(),
});
export const reorderAgendaSchema = z.strictObject({
  expectedVersion: z.number().int().min(1),
  requestIds: z.array(z.string().min(1).max(100)).min(1).max(200),
});
export const lockAgendaSchema = z.strictObject({ expectedVersion: z.number().int().min(1) });
/** Unlock, cancel, take an item off: the reason is required and audited. */
export const reasonSchema = z.strictObject({ reason, expectedVersion: z.number().int().min(1).optional() });

/** The attendees textarea of the meeting forms: one per line, blank lines ignored. */
export function attendeesFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/* The meeting page's forms (Conform, parsed the same in the browser and the action): form field
   names and strings in, the API's shapes out. */

/** The attendees textarea: one per line, blank lines ignored, each line checked as the API checks it. */
const attendeesText = z
  .string()
  .optional()
  .transform((value): string[] | undefined => attendeesFromText(value ?? ""))
  .pipe(attendees.optional());

export const createMeetingFormSchema = createMeetingSchema.extend({ attendees: attendeesText });

/** Editing an open meeting: every field is sent; a blank start time clears it. */
export const updateMeetingFormSchema = z.strictObject({
  intent: z.literal("update"),
  expectedVersion: z.number().int().min(1),
  date: day,
  startTime: time.optional().transform((value) => value ?? null),
  title,
  place,
  attendees: attendeesText,
});

/** Unlock, cancel, take an item off (then `request` is "id:version" of the chosen item). */
export const reasonFormSchema = z
  .strictObject({
    intent: z.enum(["unlock", "cancel", "remove"]),
    expectedVersion: z.number().int().min(1).optional(),
    reason,
    request: z
      .string()
      .regex(/^[^:]+:\d+$/)
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.intent === "remove" && !value.request) ctx.addIssue({ code: "invalid_type", expected: "string", path: ["request"], input: undefined });
  });

/** Add a request to the agenda (`request` is "id:version" from the choice of eligible requests). */
export const addAgendaFormSchema = z.strictObject({
  intent: z.literal("add"),
  request: z.string().regex(/^[^:]+:\d+$/),
});

/**
 * One condition row of the decision form: a blank row is ignored; a row with only a text or only a
 * due date is refused beside the missing half (rows keep their places, so messages sit on the row).
 */
const conditionRow = z
  .object({ text: text().trim().max(1000).optional(), dueOn: day.optional() })
  .optional()
  .superRefine((row, ctx) => {
    if (row?.text && !row.dueOn) ctx.addIssue({ code: "invalid_type", expected: "string", path: ["dueOn"], input: undefined });
    if (!row?.text && row?.dueOn) ctx.addIssue({ code: "invalid_type", expected: "string", path: ["text"], input: undefined });
  });
type ConditionRow = { text: string; dueOn: string };

/**
 * DECIDE (`intent=decide`) or AMEND_DECISION (`intent=amend`, with a reason) for one agenda item:
 * the meeting page's decision form. Conditions belong to a conditional approval only; whether the
 * approved count fits the joint plan is the workflow machine's rule (said beside the form).
 */
export const decisionFormSchema = z
  .strictObject({
    intent: z.enum(["decide", "amend"]),
    requestId: z.string().min(1).max(100),
    expectedVersion: z.number().int().min(1),
    outcome: z.enum(OUTCOMES),
    approvedGpus: z.number().int().min(0).max(1_000_000),
    conditions: z
      .array(conditionRow)
      .optional()
      .transform((rows) => (rows ?? []).filter((row): row is ConditionRow => !!row?.text && !!row.dueOn))
      .pipe(z.array(z.strictObject({ text: text().trim().min(1).max(1000), dueOn: day })).max(MAX_CONDITIONS)),
    note: text().trim().max(2000).optional(),
    reason: text().trim().min(1).max(2000).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.conditions.length > 0 && value.outcome !== "approveWithConditions") {
      ctx.addIssue({ code: "custom", path: ["conditions"], input: value.conditions, params: { reason: "onlyConditional" } });
    }
    if (value.intent === "amend" && !value.reason) ctx.addIssue({ code: "invalid_type", expected: "string", path: ["reason"], input: undefined });
  });
export type DecisionForm = z.output<typeof decisionFormSchema>;
