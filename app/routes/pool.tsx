import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "react-router";
import { useRouterLinks } from "~/components/router-links";
import { ActionResult } from "~/components/action-result";
import { Field, FormErrors, SelectField, useSchemaForm } from "~/components/forms";
import { resultFor } from "~/utils/form";
import type { Route } from "./+types/pool";
import { poolTotals } from "~/components/pool-figures";
import { poolFiguresHtml } from "~/components/pool-figures.server";
import { stepChartEvents } from "~/components/charts";
// the figures' styles: the browser never renders them (an island), so nothing else brings these to the page
import "~/components/capacity-chart.css";
import "~/components/charts.css";
import { htmlIsland, useIsland } from "~/utils/prerendered";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/permissions.server";
import { listAllocations } from "~/modules/pool/allocations.server";
import { handlePoolForm } from "~/modules/pool/pool-form.server";
import { approvedCandidates, poolOverview } from "~/modules/pool/planning.server";
import { getPool } from "~/modules/pool/tranches.server";
import { forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { can } from "~/modules/auth/permissions";
import { readForm } from "~/utils/api.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  return forPage(async () => {
    const user = await requirePermission(request, "pool:read", context);
    const [overview, pool, ledger, candidates, locale] = await Promise.all([
      poolOverview({ user }),
      getPool({ user }),
      listAllocations({ user }),
      can(user, "pool:allocate") ? approvedCandidates({ user }) : null,
      pageLocale(request),
    ]);
    // the figures: HTML rendered once per kept overview and language (ADR 0049), an island that travels once, in
    // the document or in a client navigation's data (ADR 0052); of the overview only what the page itself shows
    const figures = htmlIsland(context, "pool-figures", () => poolFiguresHtml(overview, locale));
    const open = candidates
      ? overview.tranches.filter((tr) => tr.remaining > 0).map(({ id, label, arrivesOn, remaining }) => ({ id, label, arrivesOn, remaining }))
      : [];
    // (the ledger's kept rows are never reversed in place)
    return { figures, totals: poolTotals(overview.tranches), open, pool, ledger: [...ledger].reverse(), approved: candidates };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await forPage(() => requirePermission(request, "pool:allocate", context));
  return handlePoolForm({ user, locale: await pageLocale(request), form: await readForm(request) });
}

function AllocateForm({
  approved,
  open,
  lastResult,
}: {
  approved: NonNullable<Route.ComponentProps["loaderData"]["approved"]>;
  /** the tranches with GPUs left */
  open: Route.ComponentProps["loaderData"]["open"];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t, n } = useT();
  const busy = useNavigation().state !== "idle";
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
  const { figures, totals, open, pool, ledger, approved } = loaderData;
  const { t, n } = useT();
  const followLink = useRouterLinks();
  const figuresIsland = useIsland("pool-figures", figures);
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

      {/* the figures, an island (ADR 0052): their chart answers the pointer through `stepChartEvents` here (the chart is
          aria-hidden; its table is what the keyboard and screen readers get) */}
      <div className="space-y-6" {...stepChartEvents} {...figuresIsland} />

      {approved ? (
        <section aria-labelledby="allocate" className="card space-y-3 no-print">
          <h2 id="allocate" className="text-lg font-bold">
            {t("pool.allocate.title")}
          </h2>
          <p className="text-sm text-slate-700">{t("pool.allocate.intro")}</p>
          <AllocateForm approved={approved} open={open} lastResult={resultFor(actionData, "allocation")} />
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
