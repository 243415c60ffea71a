import { z } from "zod";
import { text } from "~/utils/schema-fields";

export const BULK_MAX_ITEMS = 100;

/** Common reasons for returning a submission (the page offers them as checkboxes; catalogue keys). */
export const RETURN_REASONS = ["incomplete", "attachment", "gpuJustification", "dataPlan", "npuReview", "kpi", "duplicate"] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

const item = z.strictObject({ requestId: z.string().min(1).max(100), expectedVersion: z.number().int().min(1) });

/**
 * `POST /api/v1/screening/bulk`: accept or return several submissions, each with the version the
 * caller saw. RETURN needs at least one reason; one request may appear only once.
 */
export const bulkScreeningSchema = z
  .strictObject({
    action: z.enum(["ACCEPT", "RETURN"]),
    items: z.array(item).min(1).max(BULK_MAX_ITEMS),
    reasons: z.array(text().trim().min(1).max(2000)).max(20).optional(),
    note: text().trim().max(2000).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.action === "RETURN" && !body.reasons?.length) {
      ctx.addIssue({ code: "custom", path: ["reasons"], input: body.reasons, params: { reason: "atLeastOne" } });
    }
    const seen = new Set<string>();
    body.items.forEach((it, i) => {
      if (seen.has(it.requestId)) ctx.addIssue({ code: "custom", path: ["items", i, "requestId"], input: it.requestId, params: { reason: "duplicate" } });
      seen.add(it.requestId);
    });
  });
export type BulkScreening = z.infer<typeof bulkScreeningSchema>;
