/**
 * Page forms of the pool pages: form values → the API's zod schemas → the same services. Returns a
 * banner (and field messages) in the page language; 404/403 become responses.
 */
import { data } from "react-router";
import type { z } from "zod";
import { translate } from "~/i18n/translate";
import type { MessageKey, MessageParams } from "~/i18n/messages";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { zodLocale } from "~/modules/requests/request-form.server";
import { AppError } from "~/utils/errors";
import { allocateGpus, commitPlan } from "./allocations.server";
import { allocateSchema, commitPlanSchema, createTrancheSchema, deleteTrancheSchema, updatePoolSchema, updateTrancheSchema } from "./pool.schema";
import { createTranche, deleteTranche, setPoolTotal, updateTranche } from "./tranches.server";
import { appErrorMessage } from "~/utils/api.server";

export type PoolFormResult = { ok: boolean; message: string; errors?: Record<string, string>; intent: string; trancheId?: string };

const NUMBERS = new Set(["gpus", "months", "capacity", "totalGpus", "expectedTotalGpus", "expectedVersion"]);

/** Non-blank form fields (numbers as numbers), without `intent` and `id`. */
function valuesOf(form: FormData, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const raw = String(form.get(key) ?? "").trim();
    if (raw === "") continue;
    out[key] = NUMBERS.has(key) ? Number(raw.replace(/[,\s]/g, "")) : raw;
  }
  return out;
}

function parse<T extends z.ZodType>(schema: T, values: unknown, locale: Locale): { ok: true; value: z.output<T> } | { ok: false; errors: Record<string, string> } {
  const result = schema.safeParse(values, { error: zodLocale(locale), reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.join(".") || "form"] ??= issue.message;
  return { ok: false, errors };
}

const REFUSAL_FIELDS: Partial<Record<MessageKey, string>> = {
  "pool.error.belowAllocated": "capacity",
  "pool.error.overPool": "capacity",
  "pool.error.arrivalAfterStart": "arrivalMonth",
  "pool.error.trancheInUse": "resourceKind",
  "pool.error.capacityExceeded": "gpus",
  "pool.error.startBeforeArrival": "startMonth",
};

const TRANCHE_KEYS = ["label", "arrivalMonth", "capacity", "gpuModel", "resourceKind"] as const;

/** Runs one intent; every write goes through the services (same rules as the API). */
export async function handlePoolForm({ user, locale, form }: { user: CurrentUser; locale: Locale; form: FormData }) {
  const intent = String(form.get("intent") ?? "");
  const trancheId = String(form.get("trancheId") ?? "") || undefined;
  const done = (key: MessageKey, params?: MessageParams) => data<PoolFormResult>({ ok: true, intent, trancheId, message: translate(locale, key, params) });
  const invalid = (errors: Record<string, string>) =>
    data<PoolFormResult>({ ok: false, intent, trancheId, errors, message: translate(locale, "error.validation") }, { status: 422 });
  try {
    switch (intent) {
      case "allocate": {
        const p = parse(allocateSchema, valuesOf(form, ["requestId", "trancheId", "gpus", "startMonth", "months"]), locale);
        if (!p.ok) return invalid(p.errors);
        const a = await allocateGpus({ user, input: p.value });
        return done("pool.allocate.done", { gpus: a.gpus });
      }
      case "commitPlan": {
        let allocations: unknown;
        try {
          allocations = JSON.parse(String(form.get("allocations") ?? "[]"));
        } catch {
          allocations = null;
        }
        const p = parse(commitPlanSchema, { allocations }, locale);
        if (!p.ok) return invalid(p.errors);
        const result = await commitPlan({ user, input: p.value });
        return done("pool.planner.committed", { count: result.allocations.length });
      }
      case "setPool": {
        const p = parse(updatePoolSchema, valuesOf(form, ["totalGpus", "expectedTotalGpus"]), locale);
        if (!p.ok) return invalid(p.errors);
        await setPoolTotal({ user, ...p.value });
        return done("pool.admin.saved");
      }
      case "createTranche": {
        const p = parse(createTrancheSchema, valuesOf(form, TRANCHE_KEYS), locale);
        if (!p.ok) return invalid(p.errors);
        await createTranche({ user, input: p.value });
        return done("pool.admin.created");
      }
      case "updateTranche": {
        const p = parse(updateTrancheSchema, valuesOf(form, [...TRANCHE_KEYS, "expectedVersion"]), locale);
        if (!p.ok) return invalid(p.errors);
        await updateTranche({ user, trancheId: trancheId ?? "", input: p.value });
        return done("pool.admin.saved");
      }
      case "deleteTranche": {
        const p = parse(deleteTrancheSchema, valuesOf(form, ["expectedVersion"]), locale);
        if (!p.ok) return invalid(p.errors);
        await deleteTranche({ user, trancheId: trancheId ?? "", expectedVersion: p.value.expectedVersion });
        return done("pool.admin.deleted");
      }
      default:
        return invalid({ intent: translate(locale, "error.validation") });
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404 || error.status === 403) throw new Response(null, { status: error.status });
    const message = error.code === "VERSION_CONFLICT" ? translate(locale, "error.versionConflict") : appErrorMessage(error, locale);
    // the service's refusal beside the field it is about (the typed values stay in the form)
    const field = REFUSAL_FIELDS[error.messageKey];
    return data<PoolFormResult>({ ok: false, intent, trancheId, message, ...(field ? { errors: { [field]: message } } : {}) }, { status: error.status });
  }
}
