/**
 * The dashboard's panels: each chart with the table it draws (ADR 0037). They are a pure function of the
 * figures, the filters, the reader's kind (officer or not) and the language, so the server renders them
 * to HTML once per kept figures (dashboard-panels.server.tsx); the page shows that HTML as an island (ADR
 * 0052) and the browser never renders this component. Hence no hooks and no router components here:
 * links are plain anchors, which the page hands to the router.
 */
import type { ReactNode } from "react";
import { BarList, MonthChart, ShareBar } from "~/components/charts";
import type { Translator } from "~/i18n/use-t";
import type { PipelineStats } from "~/modules/stats/pipeline.server";
import type { StatsQuery } from "~/modules/stats/stats.schema";

export type DashboardFigures = Omit<PipelineStats, "groups">;

/** A chart and the table it draws, side by side on wide screens; the table is what is read aloud. */
function Panel({ id, title, caption, chart, children }: { id: string; title: string; caption: string; chart: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card dashboard-panel space-y-3" data-testid={id}>
      <header>
        <h2 id={id} className="text-lg font-bold">
          {title}
        </h2>
        <p className="text-sm text-slate-600">{caption}</p>
      </header>
      <div className="print-two grid gap-4 lg:grid-cols-2">
        <div>{chart}</div>
        {/* a scrolling region must be reachable by keyboard (axe: scrollable-region-focusable) */}
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={title}>
          {children}
        </div>
      </div>
    </section>
  );
}

export function DashboardPanels({ stats, query, officer, tr }: { stats: DashboardFigures; query: StatsQuery; officer: boolean; tr: Translator }) {
  const { t, td: tdyn, n, locale } = tr;
  const pct = (part: number, whole: number) => (whole > 0 ? `${n(Math.round((part / whole) * 1000) / 10)}%` : "–");
  const days = (v: number | null) => (v === null ? "–" : n(v));
  const stateLabel = (s: string) => tdyn(`workflow.state.${s}`);
  const shownStates = stats.byState.filter((s) => s.count > 0);
  const matrixStates = shownStates.map((s) => s.state);
  const npuAnswered = stats.npu.capable.count + stats.npu.notCapable.count;
  const npuGpus = stats.npu.capable.gpusRequested + stats.npu.notCapable.gpusRequested;
  const months = stats.gpusByMonth;
  const gpuSeries: ("requested" | "agreed" | "approved" | "allocated" | "arrived")[] = [
    "requested",
    "agreed",
    "approved",
    "allocated",
    ...(officer ? [] : ["arrived" as const]),
  ];
  return (
    <>
      <Panel
        id="dash-pipeline"
        title={t("reports.dashboard.pipeline.title")}
        caption={t("reports.dashboard.pipeline.caption")}
        chart={<BarList format={n} rows={shownStates.map((s) => ({ key: s.state, label: stateLabel(s.state), value: s.count }))} />}
      >
        <table className="dash-table w-full text-sm">
          <caption className="sr-only">{t("reports.dashboard.pipeline.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reports.dashboard.pipeline.state")}</th>
              <th scope="col">{t("reports.dashboard.pipeline.count")}</th>
              <th scope="col">{t("reports.dashboard.pipeline.gpus")}</th>
            </tr>
          </thead>
          <tbody>
            {shownStates.map((s) => (
              <tr key={s.state} data-testid="dash-state-row" data-state={s.state}>
                <th scope="row">
                  <a
                    href={`/requests?state=${s.state}${query.sector ? `&sector=${query.sector}` : ""}${query.domain ? `&domain=${query.domain}` : ""}${query.ministry && !officer ? `&ministry=${query.ministry}` : ""}`}
                  >
                    {stateLabel(s.state)}
                  </a>
                </th>
                <td>{n(s.count)}</td>
                <td>{n(s.gpusRequested)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("reports.dashboard.pipeline.sum")}</th>
              <td>{n(stats.total)}</td>
              <td>{n(stats.byState.reduce((s, r) => s + r.gpusRequested, 0))}</td>
            </tr>
          </tfoot>
        </table>
      </Panel>

      {officer ? null : (
        <section aria-labelledby="dash-ministry-matrix" className="card dashboard-panel space-y-3" data-testid="dash-matrix">
          <header>
            <h2 id="dash-ministry-matrix" className="text-lg font-bold">
              {t("reports.dashboard.pipeline.byMinistry")}
            </h2>
            <p className="text-sm text-slate-600">{t("reports.dashboard.pipeline.byMinistryCaption")}</p>
          </header>
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("reports.dashboard.pipeline.byMinistry")}>
            <table className="dash-table w-full text-xs">
              <caption className="sr-only">{t("reports.dashboard.pipeline.byMinistryCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reports.dashboard.pipeline.ministry")}</th>
                  {matrixStates.map((s) => (
                    <th key={s} scope="col">
                      {stateLabel(s)}
                    </th>
                  ))}
                  <th scope="col">{t("reports.dashboard.pipeline.sum")}</th>
                </tr>
              </thead>
              <tbody>
                {stats.byMinistry.map((m) => (
                  <tr key={m.ministry.code}>
                    <th scope="row" className="whitespace-nowrap">
                      {locale === "ko" ? m.ministry.name : m.ministry.nameEn}
                    </th>
                    {matrixStates.map((s) => {
                      const v = m.states[s] ?? 0;
                      const share = m.total > 0 ? v / m.total : 0;
                      return (
                        <td key={s} style={v > 0 ? { backgroundColor: `rgba(19, 49, 92, ${0.08 + share * 0.35})` } : undefined}>
                          {v > 0 ? n(v) : "·"}
                        </td>
                      );
                    })}
                    <td className="font-semibold">{n(m.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <div className="print-two grid gap-5 xl:grid-cols-2">
        {(["sector", "domain"] as const).map((dim) => {
          const rows = dim === "sector" ? stats.bySector.map((r) => ({ key: r.sector, ...r })) : stats.byDomain.map((r) => ({ key: r.domain, ...r }));
          const label = (k: string | null) =>
            k ? tdyn(dim === "sector" ? `request.sectors.${k}` : `request.domains.${k}`) : t("reports.dashboard.pipeline.unset");
          const id = dim === "sector" ? "dash-sector" : "dash-domain";
          return (
            <section key={dim} aria-labelledby={`${id}-title`} className="card dashboard-panel space-y-3" data-testid={id}>
              <header>
                <h2 id={`${id}-title`} className="text-lg font-bold">
                  {t(dim === "sector" ? "reports.dashboard.pipeline.bySector" : "reports.dashboard.pipeline.byDomain")}
                </h2>
                <p className="text-sm text-slate-600">
                  {t(dim === "sector" ? "reports.dashboard.pipeline.bySectorCaption" : "reports.dashboard.pipeline.byDomainCaption")}
                </p>
              </header>
              <BarList
                format={n}
                color="#0e7490"
                rows={rows.filter((r) => r.count > 0).map((r) => ({ key: r.key ?? "unset", label: label(r.key), value: r.count }))}
              />
              <table className="dash-table w-full text-sm">
                <caption className="sr-only">
                  {t(dim === "sector" ? "reports.dashboard.pipeline.bySectorCaption" : "reports.dashboard.pipeline.byDomainCaption")}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t(`reports.dashboard.pipeline.${dim}`)}</th>
                    <th scope="col">{t("reports.dashboard.pipeline.count")}</th>
                    <th scope="col">{t("reports.dashboard.pipeline.gpus")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key ?? "unset"}>
                      <th scope="row">{label(r.key)}</th>
                      <td>{n(r.count)}</td>
                      <td>{n(r.gpusRequested)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          );
        })}
      </div>

      <Panel
        id="dash-time"
        title={t("reports.dashboard.time.title")}
        caption={t("reports.dashboard.time.caption")}
        chart={
          <BarList
            format={(v) => t("reports.dashboard.time.days", { days: n(v) })}
            color="#b45309"
            rows={stats.timeInState.filter((s) => s.averageDays !== null).map((s) => ({ key: s.state, label: stateLabel(s.state), value: s.averageDays ?? 0 }))}
          />
        }
      >
        <table className="dash-table w-full text-sm">
          <caption className="sr-only">{t("reports.dashboard.time.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reports.dashboard.time.state")}</th>
              <th scope="col">{t("reports.dashboard.time.avgDays")}</th>
              <th scope="col">{t("reports.dashboard.time.maxDays")}</th>
              <th scope="col">{t("reports.dashboard.time.stays")}</th>
              <th scope="col">{t("reports.dashboard.time.open")}</th>
            </tr>
          </thead>
          <tbody>
            {stats.timeInState.map((s) => (
              <tr key={s.state}>
                <th scope="row">{stateLabel(s.state)}</th>
                <td>{days(s.averageDays)}</td>
                <td>{days(s.longestDays)}</td>
                <td>{n(s.endedStays)}</td>
                <td>{n(s.current)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>

      <Panel
        id="dash-sla"
        title={t("reports.dashboard.sla.title", { days: stats.screening.dueBusinessDays })}
        caption={t("reports.dashboard.sla.caption")}
        chart={
          <div className="space-y-3">
            <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-slate-600">{t("reports.dashboard.sla.rate")}</dt>
                <dd className="text-2xl font-bold" data-testid="sla-rate">
                  {stats.screening.onTimeRate === null ? "–" : pct(stats.screening.withinDue, stats.screening.decided)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">{t("reports.dashboard.sla.avgBusinessDays")}</dt>
                <dd className="text-2xl font-bold">{days(stats.screening.averageBusinessDays)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t("reports.dashboard.sla.overdue")}</dt>
                <dd className="text-2xl font-bold">
                  {n(stats.screening.overdue)} <span className="text-sm font-normal text-slate-600">/ {n(stats.screening.waiting)}</span>
                </dd>
              </div>
            </dl>
            {stats.screening.decided === 0 ? (
              <p className="text-sm">{t("reports.dashboard.sla.none")}</p>
            ) : (
              <BarList
                format={n}
                color="#15803d"
                rows={stats.screening.histogram.map((h) => ({
                  key: String(h.businessDays ?? "over"),
                  label:
                    h.businessDays === null
                      ? t("reports.dashboard.sla.bucketOver", { days: stats.screening.dueBusinessDays })
                      : t("reports.dashboard.sla.bucketLabel", { days: h.businessDays }),
                  value: h.count,
                }))}
              />
            )}
          </div>
        }
      >
        <table className="dash-table w-full text-sm">
          <caption className="sr-only">{t("reports.dashboard.sla.caption")}</caption>
          <tbody>
            <tr>
              <th scope="row">{t("reports.dashboard.sla.decided")}</th>
              <td>{n(stats.screening.decided)}</td>
            </tr>
            <tr>
              <th scope="row">{t("reports.dashboard.sla.withinDue")}</th>
              <td>{n(stats.screening.withinDue)}</td>
            </tr>
            <tr>
              <th scope="row">{t("reports.dashboard.sla.waiting")}</th>
              <td>{n(stats.screening.waiting)}</td>
            </tr>
            <tr>
              <th scope="row">{t("reports.dashboard.sla.overdue")}</th>
              <td>{n(stats.screening.overdue)}</td>
            </tr>
            {stats.screening.histogram.map((h) => (
              <tr key={String(h.businessDays ?? "over")}>
                <th scope="row">
                  {t("reports.dashboard.sla.bucket")}:{" "}
                  {h.businessDays === null
                    ? t("reports.dashboard.sla.bucketOver", { days: stats.screening.dueBusinessDays })
                    : t("reports.dashboard.sla.bucketLabel", { days: h.businessDays })}
                </th>
                <td>{n(h.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>

      <section aria-labelledby="dash-gpus-title" className="card dashboard-panel space-y-3" data-testid="dash-gpus">
        <header>
          <h2 id="dash-gpus-title" className="text-lg font-bold">
            {t("reports.dashboard.gpus.title")}
          </h2>
          <p className="text-sm text-slate-600">
            {t("reports.dashboard.gpus.caption")}
            {officer ? "" : ` ${t("reports.dashboard.gpus.lineNote")}`}
          </p>
        </header>
        {months.length === 0 ? (
          <p className="text-sm">{t("reports.dashboard.gpus.none")}</p>
        ) : (
          <>
            <MonthChart
              months={months.map((m) => m.month)}
              format={n}
              monthLabel={(m) => m.slice(2).replace("-", ".")}
              series={gpuSeries.map((k) => ({ key: k, label: t(`reports.dashboard.gpus.${k}`), values: months.map((m) => m[k] ?? 0) }))}
              line={officer ? undefined : { label: t("reports.dashboard.gpus.cumulativeArrived"), values: months.map((m) => m.cumulativeArrived ?? 0) }}
            />
            <div className="max-h-96 overflow-auto print-expand" tabIndex={0} role="region" aria-label={t("reports.dashboard.gpus.title")}>
              <table className="dash-table w-full text-sm">
                <caption className="sr-only">{t("reports.dashboard.gpus.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("reports.dashboard.gpus.month")}</th>
                    {gpuSeries.map((k) => (
                      <th key={k} scope="col">
                        {t(`reports.dashboard.gpus.${k}`)}
                      </th>
                    ))}
                    {officer ? null : <th scope="col">{t("reports.dashboard.gpus.cumulativeArrived")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {months.map((m) => (
                    <tr key={m.month}>
                      <th scope="row" className="whitespace-nowrap">
                        {m.month}
                      </th>
                      {gpuSeries.map((k) => (
                        <td key={k}>{n(m[k] ?? 0)}</td>
                      ))}
                      {officer ? null : <td>{n(m.cumulativeArrived ?? 0)}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <Panel
        id="dash-npu"
        title={t("reports.dashboard.npu.title")}
        caption={t("reports.dashboard.npu.caption")}
        chart={
          <div className="space-y-2">
            <p className="text-2xl font-bold" data-testid="npu-share">
              {t("reports.dashboard.npu.share", { percent: pct(stats.npu.capable.count, npuAnswered) })}
            </p>
            <p className="text-sm text-slate-700">{t("reports.dashboard.npu.gpuShare", { percent: pct(stats.npu.capable.gpusRequested, npuGpus) })}</p>
            <ShareBar
              format={n}
              parts={(["capable", "notCapable", "unanswered"] as const).map((k) => ({
                key: k,
                label: t(`reports.dashboard.npu.${k}`),
                value: stats.npu[k].count,
              }))}
            />
          </div>
        }
      >
        <table className="dash-table w-full text-sm">
          <caption className="sr-only">{t("reports.dashboard.npu.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reports.dashboard.npu.sector")}</th>
              <th scope="col">{t("reports.dashboard.npu.capable")}</th>
              <th scope="col">{t("reports.dashboard.npu.notCapable")}</th>
              <th scope="col">{t("reports.dashboard.npu.unanswered")}</th>
            </tr>
          </thead>
          <tbody>
            {stats.npu.bySector.map((r) => (
              <tr key={r.sector}>
                <th scope="row">{tdyn(`request.sectors.${r.sector}`)}</th>
                <td>{n(r.capable)}</td>
                <td>{n(r.notCapable)}</td>
                <td>{n(r.unanswered)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("reports.dashboard.pipeline.sum")}</th>
              <td>{n(stats.npu.capable.count)}</td>
              <td>{n(stats.npu.notCapable.count)}</td>
              <td>{n(stats.npu.unanswered.count)}</td>
            </tr>
          </tfoot>
        </table>
      </Panel>
    </>
  );
}
