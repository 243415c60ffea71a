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
