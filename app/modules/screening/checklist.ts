/**
 * The automatic completeness checklist the secretariat sees beside each submission (pure).
 *
 * GPU plausibility rule (written down so it can be argued with):
 * - a request may not ask for more GPUs than its sector's ceiling: about a third of the first 2026
 *   tranche (13,000) for a national AI project, 1,000 for industry, 500 for academia and research;
 * - its size in GPU-months (GPUs × months) must lie in the sector's range: at least 8 GPU-months
 *   (smaller work belongs on a cloud voucher, not on the national pool) and at most the ceiling held
 *   for 12 months;
 * - training a foundation model needs at least 64 GPUs.
 * A failing check says which bound was crossed and by how much (message key + parameters).
 */
import type { MessageKey, MessageParams } from "~/i18n/messages";
import { completeIntakeSchema, type SECTORS } from "~/modules/requests/request.schema";

type Sector = (typeof SECTORS)[number];

export const GPU_RULES: Record<Sector, { maxGpus: number; minGpuMonths: number; maxGpuMonths: number }> = {
  NATIONAL_PROJECT: { maxGpus: 4_000, minGpuMonths: 8, maxGpuMonths: 48_000 },
  INDUSTRY: { maxGpus: 1_000, minGpuMonths: 8, maxGpuMonths: 12_000 },
  ACADEMIA_RESEARCH: { maxGpus: 500, minGpuMonths: 8, maxGpuMonths: 6_000 },
};
export const FOUNDATION_TRAINING_MIN_GPUS = 64;

export type CheckKey = "intake" | "attachment" | "dataReadiness" | "gpuPlausible" | "npuAnswered";
export const CHECK_KEYS: readonly CheckKey[] = ["intake", "attachment", "dataReadiness", "gpuPlausible", "npuAnswered"];

export interface CheckResult {
  key: CheckKey;
  ok: boolean;
  /** Why it failed (or, when it passed, what was found), as a catalogue key with parameters. */
  detail?: { key: MessageKey; params?: MessageParams };
  /** For the intake check: the JSON names of missing or invalid fields (the page names them). */
  missing?: string[];
}

export interface ChecklistInput {
  /** Intake fields as stored (nulls for what is missing; budget may be a bigint). */
  fields: Record<string, unknown>;
  /** Files attached to the request itself (not evidence for conditions). */
  attachmentCount: number;
}

function present(fields: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(completeIntakeSchema.shape)) {
    const value = fields[key];
    if (value !== null && value !== undefined) out[key] = typeof value === "bigint" ? Number(value) : value;
  }
  return out;
}

export function checkGpuPlausibility(fields: { sector?: unknown; gpusRequested?: unknown; durationMonths?: unknown; aiWork?: unknown }): CheckResult {
  const { sector, gpusRequested: gpus, durationMonths: months } = fields;
  if (typeof gpus !== "number" || typeof months !== "number" || typeof sector !== "string" || !(sector in GPU_RULES)) {
    return { key: "gpuPlausible", ok: false, detail: { key: "screening.check.gpuUnknown" } };
  }
  const rule = GPU_RULES[sector as Sector];
  const gpuMonths = gpus * months;
  const params = { gpus, months, gpuMonths, max: rule.maxGpus, min: rule.minGpuMonths, maxGpuMonths: rule.maxGpuMonths };
  if (gpus > rule.maxGpus) return { key: "gpuPlausible", ok: false, detail: { key: `screening.check.gpuOverCeiling.${sector as Sector}`, params } };
  if (gpuMonths < rule.minGpuMonths) return { key: "gpuPlausible", ok: false, detail: { key: "screening.check.gpuMonthsTooSmall", params } };
  if (gpuMonths > rule.maxGpuMonths) return { key: "gpuPlausible", ok: false, detail: { key: "screening.check.gpuMonthsTooLarge", params } };
  if (fields.aiWork === "FOUNDATION_TRAINING" && gpus < FOUNDATION_TRAINING_MIN_GPUS) {
    return { key: "gpuPlausible", ok: false, detail: { key: "screening.check.foundationTooSmall", params: { gpus, min: FOUNDATION_TRAINING_MIN_GPUS } } };
  }
  return { key: "gpuPlausible", ok: true, detail: { key: "screening.check.gpuOk", params } };
}

/** Every check, in a fixed order; `ok` is true only when all pass. */
export function screeningChecklist(input: ChecklistInput): { ok: boolean; checks: CheckResult[] } {
  const fields = present(input.fields);
  const intake = completeIntakeSchema.safeParse(fields);
  const missing = intake.success ? [] : [...new Set(intake.error.issues.map((i) => String(i.path[0] ?? "")))];
  const checks: CheckResult[] = [
    intake.success
      ? { key: "intake", ok: true }
      : { key: "intake", ok: false, missing, detail: { key: "screening.check.intakeMissing", params: { fields: missing.join(", ") } } },
    input.attachmentCount > 0
      ? { key: "attachment", ok: true, detail: { key: "screening.check.attachmentCount", params: { count: input.attachmentCount } } }
      : { key: "attachment", ok: false, detail: { key: "screening.check.attachmentNone" } },
    typeof fields.dataReadiness === "string"
      ? { key: "dataReadiness", ok: true, detail: { key: `request.form.readiness.${fields.dataReadiness as "READY"}` } }
      : { key: "dataReadiness", ok: false, detail: { key: "screening.check.notAnswered" } },
    checkGpuPlausibility(fields),
    typeof fields.npuCapable === "boolean"
      ? { key: "npuAnswered", ok: true, detail: { key: fields.npuCapable ? "screening.check.npuYes" : "screening.check.npuNo" } }
      : { key: "npuAnswered", ok: false, detail: { key: "screening.check.notAnswered" } },
  ];
  return { ok: checks.every((c) => c.ok), checks };
}
