import { z } from "zod";
import { text } from "~/utils/schema-fields";
import { RESOURCE_KINDS } from "./pool-options";

export { RESOURCE_KINDS, SECTORS } from "./pool-options";

/** The one national pool row. */
export const POOL_ID = "national";
export const DEFAULT_POOL_GPUS = 52_000;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const count = (max: number) => z.number().int().min(1).max(max);

export const trancheFields = {
  label: text().trim().min(1).max(100),
  arrivalMonth: month,
  capacity: count(1_000_000),
  gpuModel: text().trim().min(1).max(100),
  resourceKind: z.enum(RESOURCE_KINDS).default("GPU"),
};
export const createTrancheSchema = z.strictObject(trancheFields);
export type CreateTranche = z.output<typeof createTrancheSchema>;

export const updateTrancheSchema = z.strictObject({
  expectedVersion: z.number().int().min(1),
  label: trancheFields.label.optional(),
  arrivalMonth: month.optional(),
  capacity: count(1_000_000).optional(),
  gpuModel: trancheFields.gpuModel.optional(),
  resourceKind: z.enum(RESOURCE_KINDS).optional(),
});
export type UpdateTranche = z.output<typeof updateTrancheSchema>;

export const deleteTrancheSchema = z.strictObject({ expectedVersion: z.number().int().min(1) });

export const updatePoolSchema = z.strictObject({
  totalGpus: count(10_000_000),
  /** The total the caller last saw (the pool has no version column: its total is the guard). */
  expectedTotalGpus: z.number().int().min(0).optional(),
});

export const allocateSchema = z.strictObject({
  requestId: z.string().min(1).max(100),
  trancheId: z.string().min(1).max(100),
  gpus: count(100_000),
  startMonth: month.optional(),
  months: count(120).optional(),
});
export type AllocateInput = z.output<typeof allocateSchema>;

export const planRequestSchema = z.strictObject({
  requestIds: z.array(z.string().min(1).max(100)).max(500).optional(),
});

/** A proposed schedule the secretariat commits (all or nothing). */
export const commitPlanSchema = z.strictObject({
  allocations: z
    .array(
      z.strictObject({
        requestId: z.string().min(1).max(100),
        trancheId: z.string().min(1).max(100),
        gpus: count(100_000),
        startMonth: month,
        months: count(120),
      }),
    )
    .min(1)
    .max(500),
});
export type CommitPlanInput = z.output<typeof commitPlanSchema>;

/* The pool pages' forms (Conform; the same parsing in the browser and the action). */
export const createTrancheFormSchema = createTrancheSchema.extend({ intent: z.literal("createTranche") });
/** Editing a tranche sends every field (a blank one is refused, not left unchanged). */
export const updateTrancheFormSchema = z.strictObject({
  ...trancheFields,
  intent: z.literal("updateTranche"),
  trancheId: z.string().min(1).max(100),
  expectedVersion: z.number().int().min(1),
});
export const deleteTrancheFormSchema = deleteTrancheSchema.extend({ intent: z.literal("deleteTranche"), trancheId: z.string().min(1).max(100) });
export const setPoolFormSchema = updatePoolSchema.extend({ intent: z.literal("setPool") });
export const allocateFormSchema = allocateSchema.extend({ intent: z.literal("allocate") });
