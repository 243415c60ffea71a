import { z } from "zod";
import { text } from "~/utils/schema-fields";
import { RETURN_REASONS } from "./screening-options";

export { RETURN_REASONS, type ReturnReason } from "./screening-options";

export const BULK_MAX_ITEMS = 100;

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

/** Lines of a textarea (blank lines ignored). */
const lines = (value: string | undefined) =>
  (value ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * The screening page's bulk form (Conform, parsed the same in the browser and the action): the rows
 * ticked (`select`, "id:version" as the page showed them), the standard reasons ticked and other
 * reasons typed one per line (RETURN needs one of them), the acceptance note.
 */
export const bulkScreeningFormSchema = z
  .strictObject({
    intent: z.enum(["ACCEPT", "RETURN"]),
    select: z
      .array(z.string().regex(/^[^:]+:\d+$/))
      .max(BULK_MAX_ITEMS)
      .optional()
      .transform((rows) => rows ?? []),
    note: text().trim().max(2000).optional(),
    returnReasons: z
      .array(z.enum(RETURN_REASONS))
      .max(RETURN_REASONS.length)
      .optional()
      .transform((codes) => codes ?? []),
    otherReasons: z
      .string()
      .optional()
      .transform(lines)
      .pipe(z.array(text().trim().min(1).max(2000)).max(20)),
  })
  .superRefine((value, ctx) => {
    if (value.select.length === 0) ctx.addIssue({ code: "custom", path: ["select"], input: value.select, params: { reason: "chooseAtLeastOne" } });
    if (value.intent === "RETURN" && value.returnReasons.length + value.otherReasons.length === 0) {
      ctx.addIssue({ code: "custom", path: ["returnReasons"], input: value.returnReasons, params: { reason: "pickOrWrite" } });
    }
  });
