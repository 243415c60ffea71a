import { getFormProps, type SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { Form, useNavigation } from "react-router";
import { formatMonth } from "~/i18n/format";
import type { Route } from "./+types/admin-pool";
import { ActionResult } from "~/components/action-result";
import { Field, FormErrors, SelectField, useSchemaForm } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/permissions.server";
import { RESOURCE_KINDS } from "~/modules/pool/pool-options";
import { handlePoolForm } from "~/modules/pool/pool-form.server";
import { getPool, listTranches, type TrancheView } from "~/modules/pool/tranches.server";
import { forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { readForm } from "~/utils/api.server";
import { resultFor } from "~/utils/form";

export async function loader({ request, context }: Route.LoaderArgs) {
  return forPage(async () => {
    const user = await requirePermission(request, "pool:manage", context);
    const [pool, tranches] = await Promise.all([getPool({ user }), listTranches({ user })]);
    return { pool, tranches };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await forPage(() => requirePermission(request, "pool:manage", context));
  return handlePoolForm({ user, locale: await pageLocale(request), form: await readForm(request) });
}

/** A tranche's fields: a new one, or one of the list (its save button sits outside, `form=` its id). */
function TrancheForm({ tranche, lastResult, children }: { tranche?: TrancheView; lastResult?: SubmissionResult<string[]>; children?: ReactNode }) {
  const { t, td } = useT();
  const [form, fields] = useSchemaForm({
    id: tranche ? `update-${tranche.id}` : "tranche-new",
    form: tranche ? "trancheUpdate" : "trancheCreate",
    lastResult,
    defaultValue: tranche
      ? {
          label: tranche.label,
          arrivalMonth: tranche.arrivesOn,
          capacity: String(tranche.capacity),
          gpuModel: tranche.gpuModel,
          resourceKind: tranche.resourceKind,
        }
      : { gpuModel: "NVIDIA B200", resourceKind: "GPU" },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="intent" value={tranche ? "updateTranche" : "createTranche"} />
      {tranche ? <input type="hidden" name="trancheId" value={tranche.id} /> : null}
      {tranche ? <input type="hidden" name="expectedVersion" value={tranche.version} /> : null}
      <FormErrors form={form} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Field meta={fields.label} label={t("pool.admin.label")} />
        <Field meta={fields.arrivalMonth} label={t("pool.arrivesOn")} type="month" inputProps={{ placeholder: "2026-02" }} />
        <Field meta={fields.capacity} label={t("pool.capacity")} type="number" inputProps={{ inputMode: "numeric" }} />
        <Field meta={fields.gpuModel} label={t("pool.gpuModel")} />
        <SelectField
          meta={fields.resourceKind}
          label={t("pool.resourceKind")}
          options={RESOURCE_KINDS.map((k) => ({ value: k, label: td(`pool.kinds.${k}`) }))}
        />
      </div>
      {children}
    </Form>
  );
}

function PoolTotalForm({ totalGpus, lastResult, pending }: { totalGpus: number; lastResult?: SubmissionResult<string[]>; pending: boolean }) {
  const { t } = useT();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useSchemaForm({ id: "pool-total-form", form: "poolTotal", lastResult, defaultValue: { totalGpus: String(totalGpus) } });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-start gap-3">
      <input type="hidden" name="intent" value="setPool" />
      <input type="hidden" name="expectedTotalGpus" value={totalGpus} />
      <Field meta={fields.totalGpus} label={t("pool.admin.poolTotal")} type="number" inputProps={{ inputMode: "numeric" }} />
      <button type="submit" className="btn-primary sm:mt-6" disabled={busy}>
        {pending ? t("pool.admin.saving") : t("pool.admin.savePool")}
      </button>
    </Form>
  );
}

export default function AdminPool({ loaderData, actionData }: Route.ComponentProps) {
  const { pool, tranches } = loaderData;
  const { t, n, locale } = useT();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const pendingIntent = navigation.formData?.get("intent");
  const said = actionData?.message ? actionData : undefined;
  const forTranche = (id?: string) => (said && said.trancheId === id ? said : undefined);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="page-title">
          {t("pool.admin.title")} <span className="badge ml-2 bg-amber-100 align-middle text-amber-900">{t("pool.planningFigures")}</span>
        </h1>
        <p className="text-sm text-slate-700">
          {t("pool.admin.intro")} {t("pool.planningNote")}
        </p>
      </header>

      {/* a result about no tranche on the page (the pool total, a deleted tranche) is said at the top */}
      {said && said.intent !== "createTranche" && !tranches.some((tr) => tr.id === said.trancheId) ? <ActionResult result={said} /> : null}

      <section aria-labelledby="pool-total" className="card space-y-2">
        <h2 id="pool-total" className="text-lg font-bold">
          {t("pool.admin.poolTotal")}
        </h2>
        <p className="text-sm" data-testid="pool-figures">
          {t("pool.admin.inTranches", { inTranches: n(pool.inTranches), total: n(pool.totalGpus), unscheduled: n(pool.unscheduled) })}
        </p>
        <PoolTotalForm totalGpus={pool.totalGpus} lastResult={resultFor(actionData, "pool-total-form")} pending={pendingIntent === "setPool"} />
      </section>

      <section aria-labelledby="tranche-list" className="space-y-3">
        <h2 id="tranche-list" className="text-lg font-bold">
          {t("pool.tranches")}
        </h2>
        {tranches.length === 0 ? <p className="card">{t("pool.noTranches")}</p> : null}
        {tranches.map((tr) => {
          const result = forTranche(tr.id);
          return (
            <article key={tr.id} className="card space-y-2" aria-labelledby={`tranche-${tr.id}`} data-testid="admin-tranche">
              <h3 id={`tranche-${tr.id}`} className="font-bold">
                {tr.label}{" "}
                <span className="font-normal text-slate-600">
                  · {formatMonth(locale, tr.arrivesOn)} · {t("pool.allocated")} {n(tr.allocated)} / {n(tr.capacity)}
                </span>
              </h3>
              {result ? <ActionResult result={result} /> : null}
              <TrancheForm tranche={tr} lastResult={resultFor(actionData, `update-${tr.id}`)} />
              <div className="flex flex-wrap items-center gap-2">
                <button type="submit" form={`update-${tr.id}`} className="btn-primary" disabled={busy}>
                  {t("pool.admin.save")}
                </button>
                {tr.allocated > 0 ? (
                  <>
                    <button type="button" className="btn-danger" disabled aria-describedby={`del-hint-${tr.id}`}>
                      {t("pool.admin.delete")}
                    </button>
                    <span id={`del-hint-${tr.id}`} className="text-xs text-slate-600">
                      {t("pool.admin.deleteHint")}
                    </span>
                  </>
                ) : (
                  // deleting asks first (works without JavaScript): the button only opens the confirmation
                  <details className="w-full sm:w-auto" data-testid="delete-tranche">
                    <summary className="btn-danger inline-block cursor-pointer list-none">{t("pool.admin.delete")}</summary>
                    <Form method="post" className="mt-2 space-y-2 rounded-md border border-red-200 bg-red-50 p-3">
                      <input type="hidden" name="intent" value="deleteTranche" />
                      <input type="hidden" name="trancheId" value={tr.id} />
                      <input type="hidden" name="expectedVersion" value={tr.version} />
                      <p className="text-sm">{t("pool.admin.deleteConfirmText", { label: tr.label })}</p>
                      <button type="submit" className="btn-danger" disabled={busy}>
                        {t("pool.admin.deleteConfirm")}
                      </button>
                    </Form>
                  </details>
                )}
              </div>
            </article>
          );
        })}
      </section>

      <section aria-labelledby="new-tranche" className="card space-y-3">
        <h2 id="new-tranche" className="text-lg font-bold">
          {t("pool.admin.newTranche")}
        </h2>
        <TrancheForm lastResult={resultFor(actionData, "tranche-new")}>
          {said?.intent === "createTranche" ? <ActionResult result={said} /> : null}
          <button type="submit" className="btn-primary" disabled={busy}>
            {pendingIntent === "createTranche" ? t("pool.admin.saving") : t("pool.admin.create")}
          </button>
        </TrancheForm>
      </section>
    </div>
  );
}
