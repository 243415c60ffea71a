/**
 * Small hand-made SVG charts for the dashboard. Each is a picture of a table that is printed beside
 * it (the table is what screen readers read: the charts are aria-hidden). No chart library.
 */
import type { CSSProperties, ReactNode } from "react";

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
