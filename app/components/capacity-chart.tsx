import { StepLineChart, stepChartEvents } from "./charts";
import "./capacity-chart.css";
import "./charts.css";
import { useT, type Translator } from "~/i18n/use-t";
import type { TimelinePoint } from "~/modules/pool/timeline";

/**
 * Capacity timeline: months on the x-axis; GPUs arrived (cumulative), allocated, proposed (when a
 * plan is shown) and free. Labels come from the catalogue; the same figures are in a table below
 * the chart, which is what screen readers read (print shows the chart, drawn on the server, and not the table).
 */
export function CapacityChart({ points, showPlanned = false }: { points: TimelinePoint[]; showPlanned?: boolean }) {
  return (
    // the chart answers the pointer through its surroundings (`stepChartEvents`); the table is what the keyboard and screen readers get
    <div {...stepChartEvents}>
      <CapacityChartFor points={points} showPlanned={showPlanned} tr={useT()} />
    </div>
  );
}

/**
 * The chart in the given language, outside the page's context (the pool's figures rendered ahead, ADR 0049,
 * an island: ADR 0052). It answers the pointer only inside an element with `stepChartEvents`.
 */
export function CapacityChartFor({ points, showPlanned = false, tr }: { points: TimelinePoint[]; showPlanned?: boolean; tr: Translator }) {
  const { t, n } = tr;
  if (points.length === 0) return null;
  const series: { key: "arrived" | "allocated" | "planned" | "free"; label: string; color: string; dash?: string }[] = [
    { key: "arrived", label: t("pool.chart.arrived"), color: "#13315c", dash: undefined },
    { key: "allocated", label: t("pool.chart.allocated"), color: "#b45309", dash: undefined },
    ...(showPlanned ? [{ key: "planned" as const, label: t("pool.chart.planned"), color: "#7c3aed", dash: "6 3" }] : []),
    { key: "free", label: t("pool.chart.free"), color: "#15803d", dash: undefined },
  ];
  return (
    <figure className="card capacity-chart space-y-3" aria-labelledby="capacity-chart-title" data-testid="capacity-chart">
      <figcaption>
        <h2 id="capacity-chart-title" className="text-lg font-bold">
          {t("pool.chart.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("pool.chart.caption")}</p>
      </figcaption>
      <StepLineChart months={points.map((p) => p.month)} series={series.map((s) => ({ ...s, values: points.map((p) => p[s.key]) }))} format={n} />
      <details className="chart-table text-sm">
        <summary className="cursor-pointer">{t("pool.chart.table")}</summary>
        <div className="mt-2 max-h-72 overflow-auto" role="region" aria-label={t("pool.chart.caption")} tabIndex={0}>
          <table className="w-full text-right">
            <caption className="sr-only">{t("pool.chart.caption")}</caption>
            <thead>
              <tr>
                <th scope="col" className="text-left">
                  {t("pool.chart.month")}
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.month} className="border-t border-slate-100">
                  <th scope="row" className="text-left font-normal">
                    {p.month}
                  </th>
                  {series.map((s) => (
                    <td key={s.key}>{n(p[s.key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
