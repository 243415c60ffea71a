import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "react-router";
import { useRouterLinks } from "~/components/router-links";
import { ActionResult } from "~/components/action-result";
import { Field, FormErrors, SelectField, useSchemaForm } from "~/components/forms";
import { resultFor } from "~/utils/form";
import { formatMonth } from "~/i18n/format";
import type { Route } from "./+types/pool";
import { CapacityChart } from "~/components/capacity-chart";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/permissions.server";
import { listAllocations } from "~/modules/pool/allocations.server";
import { handlePoolForm } from "~/modules/pool/pool-form.server";
import { approvedCandidates, poolOverview } from "~/modules/pool/planning.server";
import { SECTORS } from "~/modules/pool/pool-options";
import { getPool } from "~/modules/pool/tranches.server";
import { forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { can } from "~/modules/auth/permissions";
import { readForm } from "~/utils/api.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  return forPage(async () => {
    const user = await requirePermission(request, "pool:read", context);
    const [overview, pool, ledger, candidates] = await Promise.all([
      poolOverview({ user }),
      getPool({ user }),
      listAllocations({ user }),
      can(user, "pool:allocate") ? approvedCandidates({ user }) : null,
    ]);
    return { overview, pool, ledger: [...ledger].reverse(), approved: candidates }; // kept rows: never reversed in place
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await forPage(() => requirePermission(request, "pool:allocate", context));
  return handlePoolForm({ user, locale: await pageLocale(request), form: await readForm(request) });
}

function AllocateForm({
  approved,
  tranches,
  lastResult,
}: {
  approved: NonNullable<Route.ComponentProps["loaderData"]["approved"]>;
  tranches: Route.ComponentProps["loaderData"]["overview"]["tranches"];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t, n } = useT();
  const busy = useNavigation().state !== "idle";
  const open = tranches.filter((tr) => tr.remaining > 0);
  const [form, fields] = useSchemaForm({
    id: "allocation",
    form: "allocate",
    lastResult,
    defaultValue: { requestId: approved[0]?.id, trancheId: open[0]?.id },
  });
  if (approved.length === 0) return <p className="text-sm">{t("pool.allocate.none")}</p>;
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-3 md:grid-cols-2">
      <input type="hidden" name="intent" value="allocate" />
      <div className="md:col-span-2">
        <FormErrors form={form} />
      </div>
      <SelectField
        meta={fields.requestId}
        label={t("pool.allocate.request")}
        className="md:col-span-2"
        options={approved.map((r) => ({
          value: r.id,
          label:
            t("pool.allocate.option", { reference: r.reference ?? "", title: r.title ?? "", approved: n(r.gpus), allocated: n(r.allocated) }) +
            (r.npuCapable ? ` · ${t("pool.npu.badge")}` : ""),
        }))}
      />
      <SelectField
        meta={fields.trancheId}
        label={t("pool.allocate.tranche")}
        options={open.map((tr) => ({
          value: tr.id,
          label: t("pool.allocate.trancheOption", { label: tr.label, arrivesOn: tr.arrivesOn, remaining: n(tr.remaining) }),
        }))}
      />
      <Field meta={fields.gpus} label={t("pool.allocate.gpus")} type="number" inputProps={{ inputMode: "numeric" }} />
      <Field
        meta={fields.startMonth}
        label={t("pool.allocate.startMonth")}
        type="month"
        hint={t("pool.allocate.startHint")}
        inputProps={{ placeholder: "2027-03" }}
      />
      <div className="flex items-end">
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? t("pool.allocate.submitting") : t("pool.allocate.submit")}
        </button>
      </div>
    </Form>
  );
}

export default function Pool({ loaderData, actionData }: Route.ComponentProps) {
  const { overview, pool, ledger, approved } = loaderData;
  const { t, td, n, locale } = useT();
  const followLink = useRouterLinks();
  const totals = overview.tranches.reduce((s, tr) => ({ capacity: s.capacity + tr.capacity, allocated: s.allocated + tr.allocated }), {
    capacity: 0,
    allocated: 0,
  });
  const pct = (part: number, whole: number) => (whole > 0 ? ` (${Math.round((part / whole) * 100)}%)` : "");
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="page-title">
          {t("pool.title")} <span className="badge ml-2 bg-amber-100 align-middle text-amber-900">{t("pool.planningFigures")}</span>
        </h1>
        <p className="text-sm text-slate-700">{t("pool.planningNote")}</p>
        <p data-testid="pool-summary">
          {t("pool.summary", {
            total: n(pool.totalGpus),
            inTranches: n(pool.inTranches),
            allocated: n(totals.allocated),
            remaining: n(totals.capacity - totals.allocated),
          })}
        </p>
        {approved ? (
          <p className="no-print">
            <Link className="btn-secondary" to="/pool/plan">
              {t("pool.nav.planner")}
            </Link>
          </p>
        ) : null}
        <p className="no-print">
          <a className="btn-secondary" href="/pool/export.xlsx" download data-testid="pool-export">
            {t("reports.exports.poolXlsx")}
          </a>
        </p>
      </header>

      {/* the answer to the allocation form is shown under that form; anything else here at the top */}
      {actionData?.message && !(approved && actionData.intent === "allocate") ? <ActionResult result={actionData} /> : null}

      <section aria-labelledby="tranches" className="card space-y-2">
        <h2 id="tranches" className="text-lg font-bold">
          {t("pool.tranches")}
        </h2>
        {overview.tranches.length === 0 ? (
          <p>{t("pool.noTranches")}</p>
        ) : (
          <div className="overflow-x-auto" role="region" aria-label={t("common.scrollTable", { name: t("pool.tranches") })} tabIndex={0}>
            <table className="w-full text-sm" data-testid="tranche-table">
              <thead>
                <tr className="border-b border-slate-300 text-right">
                  <th scope="col" className="py-1 pr-3 text-left">
                    {t("pool.tranche")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-left">
                    {t("pool.arrivesOn")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-left">
                    {t("pool.gpuModel")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("pool.capacity")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("pool.allocated")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("pool.remaining")}
                  </th>
                  {SECTORS.map((s) => (
                    <th key={s} scope="col" className="py-1 pr-3">
                      {td(`request.sectors.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {overview.tranches.map((tr) => (
                  <tr key={tr.id} className="border-b border-slate-100 text-right" data-testid="tranche-row">
                    <th scope="row" className="py-1 pr-3 text-left font-semibold">
                      {tr.label}
                    </th>
                    <td className="py-1 pr-3 text-left">{formatMonth(locale, tr.arrivesOn)}</td>
                    <td className="py-1 pr-3 text-left">
                      {tr.gpuModel}
                      {tr.resourceKind !== "GPU" ? ` (${tr.resourceKind})` : ""}
                    </td>
                    <td className="py-1 pr-3">{n(tr.capacity)}</td>
                    <td className="py-1 pr-3" data-testid="tranche-allocated">
                      {n(tr.allocated)}
                    </td>
                    <td className="py-1 pr-3" data-testid="tranche-remaining">
                      {n(tr.remaining)}
                    </td>
                    {SECTORS.map((s) => (
                      <td key={s} className="py-1 pr-3">
                        {n(tr.bySector[s])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t-2 border-slate-300 text-right font-semibold">
                  <th scope="row" colSpan={3} className="py-1 pr-3 text-left">
                    {t("pool.total")}
                  </th>
                  <td className="py-1 pr-3">{n(totals.capacity)}</td>
                  <td className="py-1 pr-3">{n(totals.allocated)}</td>
                  <td className="py-1 pr-3">{n(totals.capacity - totals.allocated)}</td>
                  {SECTORS.map((s) => (
                    <td key={s} className="py-1 pr-3">
                      {n(overview.bySector[s])}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      <CapacityChart points={overview.timeline} />

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="by-ministry" className="card space-y-2">
          <h2 id="by-ministry" className="text-lg font-bold">
            {t("pool.byMinistry")}
          </h2>
          {overview.byMinistry.length === 0 ? (
            <p className="text-sm">{t("pool.noAllocations")}</p>
          ) : (
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b border-slate-300 text-right">
                  <th scope="col" className="py-1 pr-3 text-left">
                    {t("pool.ministry")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("pool.gpus")}
                  </th>
                  <th scope="col" className="py-1">
                    {t("pool.npuCapableGpus")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {overview.byMinistry.map((m) => (
                  <tr key={m.code} className="border-b border-slate-100 text-right">
                    <th scope="row" className="py-1 pr-3 text-left font-normal">
                      {locale === "ko" ? m.name : m.nameEn}
                    </th>
                    <td className="py-1 pr-3">{n(m.gpus)}</td>
                    <td className="py-1">{n(m.npuCapableGpus)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="npu" className="card space-y-2" data-testid="npu-summary">
          <h2 id="npu" className="text-lg font-bold">
            {t("pool.npu.title")}
          </h2>
          <p className="text-sm">
            {t("pool.npu.allocated", {
              total: n(overview.npu.totalAllocated),
              n: `${n(overview.npu.allocated)}${pct(overview.npu.allocated, overview.npu.totalAllocated)}`,
            })}
          </p>
          <p className="text-sm">
            {t("pool.npu.waiting", {
              total: n(overview.npu.totalWaiting),
              n: `${n(overview.npu.waiting)}${pct(overview.npu.waiting, overview.npu.totalWaiting)}`,
            })}
          </p>
        </section>
      </div>

      {approved ? (
        <section aria-labelledby="allocate" className="card space-y-3 no-print">
          <h2 id="allocate" className="text-lg font-bold">
            {t("pool.allocate.title")}
          </h2>
          <p className="text-sm text-slate-700">{t("pool.allocate.intro")}</p>
          <AllocateForm approved={approved} tranches={overview.tranches} lastResult={resultFor(actionData, "allocation")} />
          {actionData?.intent === "allocate" && actionData.message ? <ActionResult result={actionData} /> : null}
        </section>
      ) : null}

      <section aria-labelledby="ledger" className="card space-y-2">
        <h2 id="ledger" className="text-lg font-bold">
          {t("pool.ledger.title")}
        </h2>
        {ledger.length === 0 ? (
          <p className="text-sm">{t("pool.noAllocations")}</p>
        ) : (
          // the rows' links are plain anchors (a router <Link> per row cost more to render than the row): routed here
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- routes its anchors
          <div
            className="max-h-96 overflow-auto"
            role="region"
            aria-label={t("common.scrollTable", { name: t("pool.ledger.title") })}
            tabIndex={0}
            onClick={followLink}
          >
            <table className="w-full text-sm" data-testid="ledger-table">
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="py-1 pr-3">
                    {t("pool.ledger.request")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("pool.tranche")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    {t("pool.gpus")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("pool.ledger.period")}
                  </th>
                  <th scope="col" className="py-1">
                    {t("pool.ledger.status")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {ledger.map((a) => (
                  <tr key={a.id} className="border-b border-slate-100">
                    <td className="py-1 pr-3">
                      <a href={`/requests/${a.requestId}`} data-discover="true">
                        {a.request.reference} {a.request.title}
                      </a>
                    </td>
                    <td className="py-1 pr-3">{a.tranche.label}</td>
                    <td className="py-1 pr-3 text-right">{n(a.gpus)}</td>
                    <td className="py-1 pr-3">{t("pool.ledger.periodValue", { start: a.startMonth, months: a.months })}</td>
                    <td className="py-1">{a.releasedAt ? t("pool.ledger.released") : t("pool.ledger.active")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
