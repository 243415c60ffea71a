import { z } from "zod";
import { isoDate, text } from "~/utils/schema-fields";

export const milestoneSchema = z.strictObject({
  title: text().trim().min(1).max(200),
  dueOn: isoDate(),
});
export type Milestone = z.infer<typeof milestoneSchema>;

/** The sections of a joint plan (API.md "Joint plan"). Empty sections are allowed while drafting. */
export const planSectionsSchema = z.strictObject({
  techDevelopmentPlan: text().trim().max(10_000),
  demonstrationPlan: text().trim().max(10_000),
  milestones: z.array(milestoneSchema).max(30),
  kpis: text().trim().max(5_000),
  agreedGpus: z.number().int().min(1).max(10_000).nullable(),
  ministryContact: text().trim().max(200),
  msitContact: text().trim().max(200),
});
export type PlanSections = z.infer<typeof planSectionsSchema>;
export const PLAN_SECTIONS = Object.keys(planSectionsSchema.shape) as (keyof PlanSections)[];

export const putPlanSchema = planSectionsSchema.extend({ expectedRevision: z.number().int().min(0) });
export const signPlanSchema = z.strictObject({ expectedRevision: z.number().int().min(1) });

export const EMPTY_PLAN: PlanSections = {
  techDevelopmentPlan: "",
  demonstrationPlan: "",
  milestones: [],
  kpis: "",
  agreedGpus: null,
  ministryContact: "",
  msitContact: "",
};

export type PlanSide = "MINISTRY" | "MSIT";

/* The joint plan page's forms (Conform, parsed the same in the browser and the action). */

/** A section a person may leave blank while drafting (Conform sends a blank field as no value). */
const blankable = (max: number) =>
  text()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value ?? "");

/**
 * One milestone row of the form: a blank row is ignored; a row with only a title or only a date is
 * refused beside the missing half (the row keeps its place, so the message sits on the right row).
 */
const milestoneRow = z
  .object({ title: text().trim().max(200).optional(), dueOn: isoDate().optional() })
  .optional()
  .superRefine((row, ctx) => {
    if (row?.title && !row.dueOn) ctx.addIssue({ code: "invalid_type", expected: "string", path: ["dueOn"], input: undefined });
    if (!row?.title && row?.dueOn) ctx.addIssue({ code: "invalid_type", expected: "string", path: ["title"], input: undefined });
  });

export const planFormSchema = z.strictObject({
  intent: z.literal("save"),
  expectedRevision: z.number().int().min(0),
  techDevelopmentPlan: blankable(10_000),
  demonstrationPlan: blankable(10_000),
  milestones: z
    .array(milestoneRow)
    .optional()
    .transform((rows) => (rows ?? []).filter((row): row is Milestone => !!row?.title && !!row.dueOn))
    .pipe(z.array(milestoneSchema).max(30)),
  kpis: blankable(5_000),
  agreedGpus: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .transform((value) => value ?? null),
  ministryContact: blankable(200),
  msitContact: blankable(200),
});

export const signPlanFormSchema = z.strictObject({ intent: z.literal("sign"), expectedRevision: z.number().int().min(1) });
