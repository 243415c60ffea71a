/**
 * Small hand-made SVG charts for the dashboard. Each is a picture of a table that is printed beside
 * it (the table is what screen readers read: the charts are aria-hidden). No chart library.
 */
import type { CSSProperties, MouseEvent, PointerEvent, ReactNode } from "react";

export const SERIES_COLORS = ["#13315c", "#0e7490", "#15803d", "#b45309", "#7c3aed", "#be123c"];

/**
 * Horizontal bars, one row per item: label, bar, value. Labels stay HTML so they wrap. The bars are
 * two CSS boxes (charts.css, imported by the page that draws them), not SVG: the dashboard draws dozens, and each SVG's markup cost more to
 * render on the server than its table.
 */
export function BarList({
  rows,
  format,
  color = SERIES_COLORS[0],
}: {
  rows: { key: string; label: ReactNode; value: number; note?: ReactNode }[];
  format: (value: number) => string;
  color?: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul aria-hidden="true" className="bar-list" style={{ "--bar-color": color } as CSSProperties}>
      {rows.map((r) => (
        <li key={r.key}>
          <span className="truncate" title={typeof r.label === "string" ? r.label : undefined}>
            {r.label}
          </span>
          <span className="bar-track">
            <span style={{ width: `${percent(r.value, max)}%` }} />
          </span>
          <span className="bar-value">
            {format(r.value)}
            {r.note ? <span className="text-slate-600"> {r.note}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** `part` of `whole` in percent, to 0.01 (a bar's width: finer is invisible and only lengthens the page). */
function percent(part: number, whole: number) {
  return Math.round((part / whole) * 10_000) / 100;
}

/** A chart coordinate to 0.1 unit. */
function at(v: number) {
  return Math.round(v * 10) / 10;
}

/** One bar split into shares (e.g. NPU possible / not / unanswered), with its legend. */
export function ShareBar({ parts, format }: { parts: { key: string; label: string; value: number }[]; format: (value: number) => string }) {
  const total = parts.reduce((s, p) => s + p.value, 0);
  let x = 0;
  return (
    <div aria-hidden="true" className="space-y-2">
      <svg viewBox="0 0 100 8" preserveAspectRatio="none" className="h-5 w-full" role="presentation" focusable="false">
        <rect x="0" y="0" width="100" height="8" fill="#e2e8f0" />
        {total > 0
          ? parts.map((p, i) => {
              const w = (p.value / total) * 100;
              const rect = <rect key={p.key} x={at(x)} y="0" width={at(w)} height="8" fill={SERIES_COLORS[i % SERIES_COLORS.length]} />;
              x += w;
              return rect;
            })
          : null}
      </svg>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {parts.map((p, i) => (
          <li key={p.key} className="flex items-center gap-1">
            <svg viewBox="0 0 10 10" className="h-3 w-3" role="presentation" focusable="false">
              <rect width="10" height="10" fill={SERIES_COLORS[i % SERIES_COLORS.length]} />
            </svg>
            {p.label} {format(p.value)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Grouped columns per month (one per series) and an optional cumulative line on the same scale.
 * On a phone it shrinks with the screen (the table under it carries the figures).
 */
export function MonthChart({
  months,
  series,
  line,
  format,
  monthLabel,
}: {
  months: string[];
  series: { key: string; label: string; values: number[] }[];
  line?: { label: string; values: number[] };
  format: (value: number) => string;
  monthLabel: (month: string) => string;
}) {
  // drawn at a width where 11-unit text reads well up to 1.5× scale
  const width = Math.max(900, months.length * (series.length * 7 + 14) + 70);
  const height = 260;
  const top = 12,
    bottom = 40,
    left = 56,
    right = 8;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...series.flatMap((s) => s.values), ...(line?.values ?? []));
  const step = (width - left - right) / Math.max(months.length, 1);
  const barW = Math.max(2, (step - 8) / series.length);
  const y = (v: number) => at(top + plotH - (v / max) * plotH);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const labelEvery = Math.ceil(months.length / 12);
  return (
    <div aria-hidden="true" className="space-y-2">
      <div>
        <svg
          viewBox={`0 0 ${width} ${height}`}
          className="month-chart h-auto w-full"
          style={{ maxWidth: `${Math.round(width * 1.5)}px` }}
          role="presentation"
          focusable="false"
          fontSize="11"
        >
          {ticks.map((t) => (
            <g key={t}>
              <line x1={left} x2={width - right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
              <text x={left - 6} y={y(t) + 4} textAnchor="end" fill="#475569">
                {format(t)}
              </text>
            </g>
          ))}
          {months.map((m, i) => (
            <g key={m}>
              {series.map((s, j) => (
                <rect
                  key={s.key}
                  x={at(left + i * step + 4 + j * barW)}
                  y={y(s.values[i])}
                  width={at(Math.max(1, barW - 1))}
                  height={at(top + plotH - y(s.values[i]))}
                  fill={SERIES_COLORS[j % SERIES_COLORS.length]}
                />
              ))}
              {i % labelEvery === 0 ? (
                <text x={at(left + i * step + step / 2)} y={height - bottom + 16} textAnchor="middle" fill="#334155">
                  {monthLabel(m)}
                </text>
              ) : null}
            </g>
          ))}
          {line ? (
            <polyline
              fill="none"
              stroke={SERIES_COLORS[5]}
              strokeWidth="2"
              strokeDasharray="5 3"
              points={line.values.map((v, i) => `${at(left + i * step + step / 2)},${y(v)}`).join(" ")}
            />
          ) : null}
        </svg>
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {series.map((s, j) => (
          <li key={s.key} className="flex items-center gap-1">
            <svg viewBox="0 0 10 10" className="h-3 w-3" role="presentation" focusable="false">
              <rect width="10" height="10" fill={SERIES_COLORS[j % SERIES_COLORS.length]} />
            </svg>
            {s.label}
          </li>
        ))}
        {line ? (
          <li className="flex items-center gap-1">
            <svg viewBox="0 0 16 10" className="h-3 w-4" role="presentation" focusable="false">
              <line x1="0" x2="16" y1="5" y2="5" stroke={SERIES_COLORS[5]} strokeWidth="2" strokeDasharray="5 3" />
            </svg>
            {line.label}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/**
 * Whole, round numbers for a count's axis from `min` to `max` (both included): about `count` steps of
 * 1, 2 or 5 × a power of ten, never less than 1.
 */
export function axisTicks(min: number, max: number, count = 4): number[] {
  if (max <= min) max = min + 1;
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw) ?? raw);
  const ticks = [Math.floor(min / step) * step];
  while (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

/** The drawing's width and plot margins in its own units (the viewBox), the same for every step chart. */
const STEP_CHART = { width: 960, height: 300, top: 36, bottom: 36, left: 80, right: 16 };

/**
 * Step lines over months, for running figures such as the GPU pool's capacity: a month's value holds
 * until the next month's. Drawn on the server like the charts above (no chart library, and so nothing to
 * wait for); pointing at a month, or tapping it, shows its figures. The table beside it carries them for
 * everyone else.
 *
 * The chart holds no state: it is the same markup in the server's HTML and in the browser, so a page may
 * have it in an island (HTML the browser never renders, ADR 0052). What answers the pointer is
 * `stepChartEvents` on any element around it, which finds the month under the pointer and shows the tip
 * the chart carries, hidden, with each month's figures as the chart wrote them (`data-tips`).
 */
export function StepLineChart({
  months,
  series,
  format,
}: {
  months: string[];
  series: { key: string; label: string; values: number[]; color: string; dash?: string }[];
  format: (value: number) => string;
}) {
  // one width for any number of months, so the words keep their size (at most twelve months are named)
  const { width, height, top, bottom, left, right } = STEP_CHART;
  const plotH = height - top - bottom;
  const values = series.flatMap((s) => s.values);
  const ticks = axisTicks(Math.min(0, ...values), Math.max(1, ...values));
  const low = ticks[0];
  const high = ticks[ticks.length - 1];
  const step = (width - left - right) / Math.max(months.length, 1);
  const x = (i: number) => at(left + i * step);
  const y = (v: number) => at(top + plotH - ((v - low) / (high - low)) * plotH);
  // a step per month: across the month at its value, then up or down to the next month's
  const path = (v: number[]) => `M${x(0)},${y(v[0])}` + v.map((value, i) => `${i === 0 ? "" : `V${y(value)}`}H${x(i + 1)}`).join("");
  const labelEvery = Math.ceil(months.length / 12);
  const tips: StepChartTips = { step, months, figures: months.map((_, i) => series.map((s) => format(s.values[i]))) };
  return (
    <div className="space-y-2">
      <div aria-hidden="true" className="step-chart-frame relative" style={{ maxWidth: `${Math.round(width * 1.5)}px` }}>
        <svg
          viewBox={`0 0 ${width} ${height}`}
          className="step-chart h-auto w-full"
          role="presentation"
          focusable="false"
          fontSize="12"
          data-tips={JSON.stringify(tips)}
        >
          {ticks.map((t) => (
            <g key={t}>
              <line x1={left} x2={width - right} y1={y(t)} y2={y(t)} stroke={t === 0 ? "#94a3b8" : "#e2e8f0"} />
              <text x={left - 8} y={y(t) + 4} textAnchor="end" fill="#475569" className="tick">
                {format(t)}
              </text>
            </g>
          ))}
          {months.map((m, i) =>
            i % labelEvery === 0 ? (
              <text
                key={m}
                x={at(left + i * step + step / 2)}
                y={height - bottom + 18}
                textAnchor="middle"
                fill="#334155"
                className={(i / labelEvery) % 3 ? "minor" : undefined}
              >
                {m}
              </text>
            ) : null,
          )}
          <rect className="step-chart-band" display="none" x={left} y={top} width={at(step)} height={plotH} fill="#e2e8f0" fillOpacity="0.6" />
          {series.map((s) => (
            <path key={s.key} d={path(s.values)} fill="none" stroke={s.color} strokeWidth="2" strokeDasharray={s.dash} />
          ))}
        </svg>
        <div className="step-chart-tip" hidden>
          <p className="font-semibold" />
          <ul>
            {series.map((s) => (
              <li key={s.key}>
                <span className="swatch" style={{ backgroundColor: s.color }} /> {s.label} <strong />
              </li>
            ))}
          </ul>
        </div>
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1">
            <svg viewBox="0 0 16 10" className="h-3 w-4" role="presentation" focusable="false">
              <line x1="0" x2="16" y1="5" y2="5" stroke={s.color} strokeWidth="2" strokeDasharray={s.dash ? "4 2" : undefined} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What a step chart's tip shows, as the chart wrote it: the width of a month, and each month's figures by series. */
interface StepChartTips {
  step: number;
  months: string[];
  figures: string[][];
}

const readTips = (svg: Element): StepChartTips | null => {
  try {
    return JSON.parse(svg.getAttribute("data-tips") ?? "null") as StepChartTips | null;
  } catch {
    return null;
  }
};

/** Shows the figures of month `index` of the chart drawn by `svg` in its tip, its column marked; none when null. */
function showMonth(svg: Element, tips: StepChartTips, index: number | null) {
  const tip = svg.closest(".step-chart-frame")?.querySelector<HTMLElement>(".step-chart-tip");
  const band = svg.querySelector(".step-chart-band");
  if (!tip || !band) return;
  if (index === null) {
    tip.hidden = true;
    band.setAttribute("display", "none");
    return;
  }
  const { width, left } = STEP_CHART;
  band.setAttribute("x", String(at(left + index * tips.step)));
  band.removeAttribute("display");
  tip.querySelector("p")!.textContent = tips.months[index];
  tip.querySelectorAll("strong").forEach((figure, k) => (figure.textContent = tips.figures[index][k] ?? ""));
  // beside the month, on the side with more room
  const before = index < tips.months.length / 2;
  tip.style.left = before ? `${((left + (index + 1) * tips.step) / width) * 100}%` : "";
  tip.style.right = before ? "" : `${100 - ((left + index * tips.step) / width) * 100}%`;
  tip.hidden = false;
}

/** The month of the chart drawn by `svg` under the pointer at `clientX`, or null outside its months. */
function monthAt(svg: Element, tips: StepChartTips, clientX: number): number | null {
  const box = svg.getBoundingClientRect();
  const index = Math.floor((((clientX - box.left) / box.width) * STEP_CHART.width - STEP_CHART.left) / tips.step);
  return index >= 0 && index < tips.months.length ? index : null;
}

/** Points at the chart under the pointer, if any, and lets go of every other chart in `area`. */
function pointAt(area: Element, target: EventTarget | null, clientX: number) {
  const under = target instanceof Element ? target.closest("svg.step-chart") : null;
  for (const svg of area.querySelectorAll("svg.step-chart")) {
    const tips = readTips(svg);
    if (tips) showMonth(svg, tips, svg === under ? monthAt(svg, tips, clientX) : null);
  }
}

/**
 * What answers the pointer on the step charts inside an element (spread on it): moving over a chart, or
 * tapping it, shows the month under the pointer; leaving lets go. They work on charts React rendered and
 * on charts in an island alike.
 */
export const stepChartEvents = {
  onPointerMove: (e: PointerEvent<Element>) => pointAt(e.currentTarget, e.target, e.clientX),
  onClick: (e: MouseEvent<Element>) => pointAt(e.currentTarget, e.target, e.clientX),
  onPointerLeave: (e: PointerEvent<Element>) => pointAt(e.currentTarget, null, 0),
};
