import type { Translator } from "~/i18n/use-t";
import { formatMonth } from "~/i18n/format";
import type { poolOverview } from "~/modules/pool/planning.server";
import { SECTORS } from "~/modules/pool/pool-options";
import { CapacityChartFor } from "./capacity-chart";

type Overview = Awaited<ReturnType<typeof poolOverview>>;

/** The tranches' capacity and what is allocated of it, in all. */
export function poolTotals(tranches: Overview["tranches"]) {
  return tranches.reduce((s, tr) => ({ capacity: s.capacity + tr.capacity, allocated: s.allocated + tr.allocated }), { capacity: 0, allocated: 0 });
}

/**
 * The pool page's figures: the tranches, the capacity timeline, the allocations by ministry and the
 * domestic NPU share. No router components and no context: the server renders them ahead to HTML once per
 * kept overview and language (pool-figures.server.tsx, ADR 0049), the same for every reader, and the
 * page holds that HTML as an island (ADR 0052): the browser never renders them.
 */
export function PoolFigures({ overview, tr }: { overview: Overview; tr: Translator }) {
  const { t, td, n, locale } = tr;
  const totals = poolTotals(overview.tranches);
  const pct = (part: number, whole: number) => (whole > 0 ? ` (${Math.round((part / whole) * 100)}%)` : "");
  return (
    <>
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

      <CapacityChartFor points={overview.timeline} tr={tr} />

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
    </>
  );
}
