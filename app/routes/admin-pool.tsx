import { Form, useNavigation } from "react-router";
import { formatMonth } from "~/i18n/format";
import type { Route } from "./+types/admin-pool";
import { ActionResult } from "~/components/action-result";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/permissions.server";
import { RESOURCE_KINDS } from "~/modules/pool/pool.schema";
import { handlePoolForm } from "~/modules/pool/pool-form.server";
import { getPool, listTranches, type TrancheView } from "~/modules/pool/tranches.server";
import { forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { readForm } from "~/utils/api.server";

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

/** The tranche fields; `prefix` keeps ids unique per form. */
function TrancheFields({ prefix, tranche, errors }: { prefix: string; tranche?: TrancheView; errors?: Record<string, string> }) {
  const { t, td } = useT();
  const field = (name: string, label: string, input: React.ReactNode) => (
    <div>
      <label className="field-label" htmlFor={`${prefix}-${name}`}>{label}</label>
      {input}
      {errors?.[name] ? <p id={`${prefix}-${name}-error`} className="field-error">{errors[name]}</p> : null}
    </div>
  );
  const described = (name: string) => (errors?.[name] ? { "aria-invalid": true, "aria-describedby": `${prefix}-${name}-error` } : {});
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
      {field("label", t("pool.admin.label"), <input id={`${prefix}-label`} name="label" required maxLength={100} defaultValue={tranche?.label} className="field-input" {...described("label")} />)}
      {field("arrivalMonth", t("pool.arrivesOn"), <input id={`${prefix}-arrivalMonth`} name="arrivalMonth" required pattern="\d{4}-\d{2}" placeholder="2026-02" defaultValue={tranche?.arrivesOn} className="field-input" {...described("arrivalMonth")} />)}
      {field("capacity", t("pool.capacity"), <input id={`${prefix}-capacity`} name="capacity" type="number" min={1} required defaultValue={tranche?.capacity} className="field-input" {...described("capacity")} />)}
      {field("gpuModel", t("pool.gpuModel"), <input id={`${prefix}-gpuModel`} name="gpuModel" required maxLength={100} defaultValue={tranche?.gpuModel ?? "NVIDIA B200"} className="field-input" {...described("gpuModel")} />)}
      {field("resourceKind", t("pool.resourceKind"), (
        <select id={`${prefix}-resourceKind`} name="resourceKind" defaultValue={tranche?.resourceKind ?? "GPU"} className="field-input">
          {RESOURCE_KINDS.map((k) => <option key={k} value={k}>{td(`pool.kinds.${k}`)}</option>)}
        </select>
      ))}
    </div>
  );
}


export default function AdminPool({ loaderData, actionData }: Route.ComponentProps) {
  const { pool, tranches } = loaderData;
  const { t, n, locale } = useT();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const pendingIntent = navigation.formData?.get("intent");
  const forTranche = (id?: string) => (actionData && actionData.trancheId === id ? actionData : undefined);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="page-title">{t("pool.admin.title")} <span className="badge ml-2 bg-amber-100 align-middle text-amber-900">{t("pool.planningFigures")}</span></h1>
        <p className="text-sm text-slate-700">{t("pool.admin.intro")} {t("pool.planningNote")}</p>
      </header>

      {/* a result about no tranche on the page (the pool total, a deleted tranche) is said at the top */}
      {actionData && !tranches.some((tr) => tr.id === actionData.trancheId) ? <ActionResult result={actionData} /> : null}

      <section aria-labelledby="pool-total" className="card space-y-2">
        <h2 id="pool-total" className="text-lg font-bold">{t("pool.admin.poolTotal")}</h2>
        <p className="text-sm" data-testid="pool-figures">{t("pool.admin.inTranches", { inTranches: n(pool.inTranches), total: n(pool.totalGpus), unscheduled: n(pool.unscheduled) })}</p>
        <Form method="post" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="setPool" />
          <input type="hidden" name="expectedTotalGpus" value={pool.totalGpus} />
          <div>
            <label className="field-label" htmlFor="totalGpus">{t("pool.admin.poolTotal")}</label>
            <input id="totalGpus" name="totalGpus" type="number" min={1} required defaultValue={pool.totalGpus} className="field-input" />
          </div>
          <button type="submit" className="btn-primary" disabled={busy}>{pendingIntent === "setPool" ? t("pool.admin.saving") : t("pool.admin.savePool")}</button>
        </Form>
      </section>

      <section aria-labelledby="tranche-list" className="space-y-3">
        <h2 id="tranche-list" className="text-lg font-bold">{t("pool.tranches")}</h2>
        {tranches.length === 0 ? <p className="card">{t("pool.noTranches")}</p> : null}
        {tranches.map((tr) => {
          const result = forTranche(tr.id);
          return (
            <article key={tr.id} className="card space-y-2" aria-labelledby={`tranche-${tr.id}`} data-testid="admin-tranche">
              <h3 id={`tranche-${tr.id}`} className="font-bold">
                {tr.label} <span className="font-normal text-slate-600">· {formatMonth(locale, tr.arrivesOn)} · {t("pool.allocated")} {n(tr.allocated)} / {n(tr.capacity)}</span>
              </h3>
              {result ? <ActionResult result={result} /> : null}
              <Form method="post" id={`update-${tr.id}`}>
                <input type="hidden" name="intent" value="updateTranche" />
                <input type="hidden" name="trancheId" value={tr.id} />
                <input type="hidden" name="expectedVersion" value={tr.version} />
                <TrancheFields prefix={`t-${tr.id}`} tranche={tr} errors={result?.errors} />
              </Form>
              <div className="flex flex-wrap items-center gap-2">
                <button type="submit" form={`update-${tr.id}`} className="btn-primary" disabled={busy}>{t("pool.admin.save")}</button>
                {tr.allocated > 0 ? (
                  <>
                    <button type="button" className="btn-danger" disabled aria-describedby={`del-hint-${tr.id}`}>{t("pool.admin.delete")}</button>
                    <span id={`del-hint-${tr.id}`} className="text-xs text-slate-600">{t("pool.admin.deleteHint")}</span>
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
                      <button type="submit" className="btn-danger" disabled={busy}>{t("pool.admin.deleteConfirm")}</button>
                    </Form>
                  </details>
                )}
              </div>
            </article>
          );
        })}
      </section>

      <section aria-labelledby="new-tranche" className="card space-y-3">
        <h2 id="new-tranche" className="text-lg font-bold">{t("pool.admin.newTranche")}</h2>
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="createTranche" />
          <TrancheFields prefix="new" errors={actionData?.intent === "createTranche" ? actionData.errors : undefined} />
          <button type="submit" className="btn-primary" disabled={busy}>{pendingIntent === "createTranche" ? t("pool.admin.saving") : t("pool.admin.create")}</button>
        </Form>
      </section>
    </div>
  );
}
