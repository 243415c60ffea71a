/**
 * Page forms of the pool pages: Conform with the module's form schemas (pool.schema.ts) → the same
 * services as the API → `formAction`/`pageAction` (app/utils/page-action.server.ts): the sentence in
 * the page language beside the form, field messages beside their fields; 404/403 become responses.
 */
import type { MessageKey } from "~/i18n/messages";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { AppError } from "~/utils/errors";
import { formAction, pageAction } from "~/utils/page-action.server";
import { allocateGpus, commitPlan } from "./allocations.server";
import {
  allocateFormSchema,
  commitPlanSchema,
  createTrancheFormSchema,
  deleteTrancheFormSchema,
  setPoolFormSchema,
  updateTrancheFormSchema,
} from "./pool.schema";
import { createTranche, deleteTranche, setPoolTotal, updateTranche } from "./tranches.server";

/** A service refusal said beside the field it is about (the typed values stay in the form). */
const REFUSAL_FIELDS: Partial<Record<MessageKey, string>> = {
  "pool.error.belowAllocated": "capacity",
  "pool.error.overPool": "capacity",
  "pool.error.arrivalAfterStart": "arrivalMonth",
  "pool.error.trancheInUse": "resourceKind",
  "pool.error.capacityExceeded": "gpus",
  "pool.error.startBeforeArrival": "startMonth",
};
const fieldOf = (error: AppError) => REFUSAL_FIELDS[error.messageKey];

/** Runs one intent; every write goes through the services (same rules as the API). */
export async function handlePoolForm({ user, locale, form }: { user: CurrentUser; locale: Locale; form: FormData }) {
  const intent = String(form.get("intent") ?? "");
  const trancheId = String(form.get("trancheId") ?? "") || undefined;
  const extra = { intent, trancheId };
  switch (intent) {
    case "allocate":
      return formAction({
        locale,
        formData: form,
        schema: allocateFormSchema,
        form: "allocation",
        fieldOf,
        extra,
        resetForm: true,
        work: async ({ intent: _intent, ...input }) => {
          const a = await allocateGpus({ user, input });
          return { key: "pool.allocate.done", params: { gpus: a.gpus } };
        },
      });
    case "setPool":
      return formAction({
        locale,
        formData: form,
        schema: setPoolFormSchema,
        form: "pool-total-form",
        fieldOf,
        extra,
        work: async ({ intent: _intent, ...input }) => {
          await setPoolTotal({ user, ...input });
          return "pool.admin.saved";
        },
      });
    case "createTranche":
      return formAction({
        locale,
        formData: form,
        schema: createTrancheFormSchema,
        form: "tranche-new",
        fieldOf,
        extra,
        resetForm: true,
        work: async ({ intent: _intent, ...input }) => {
          await createTranche({ user, input });
          return "pool.admin.created";
        },
      });
    case "updateTranche":
      return formAction({
        locale,
        formData: form,
        schema: updateTrancheFormSchema,
        form: `update-${trancheId}`,
        fieldOf,
        extra,
        work: async ({ intent: _intent, trancheId: id, ...input }) => {
          await updateTranche({ user, trancheId: id, input });
          return "pool.admin.saved";
        },
      });
    case "deleteTranche":
      return formAction({
        locale,
        formData: form,
        schema: deleteTrancheFormSchema,
        form: `delete-${trancheId}`,
        fieldOf,
        extra,
        work: async ({ trancheId: id, expectedVersion }) => {
          await deleteTranche({ user, trancheId: id, expectedVersion });
          return "pool.admin.deleted";
        },
      });
    default:
      // the planner's proposal (posted as JSON by the page, not typed by a person)
      return pageAction(
        locale,
        async () => {
          if (intent !== "commitPlan") throw new AppError("VALIDATION_FAILED", 422, "error.validation");
          let allocations: unknown;
          try {
            allocations = JSON.parse(String(form.get("allocations") ?? "[]"));
          } catch {
            allocations = null;
          }
          const parsed = commitPlanSchema.safeParse({ allocations });
          if (!parsed.success) throw new AppError("VALIDATION_FAILED", 422, "error.validation");
          const result = await commitPlan({ user, input: parsed.data });
          return { key: "pool.planner.committed", params: { count: result.allocations.length } };
        },
        { ...extra, form: "commitPlan" },
      );
  }
}
