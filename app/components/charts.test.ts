import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { axisTicks, StepLineChart } from "./charts";

describe("axisTicks", () => {
  it.each([
    [0, 13_000, [0, 5_000, 10_000, 15_000]],
    [0, 52_000, [0, 20_000, 40_000, 60_000]],
    [0, 160, [0, 50, 100, 150, 200]],
    [-300, 1_000, [-500, 0, 500, 1_000]],
    [0, 1, [0, 1]],
    [0, 3, [0, 1, 2, 3]],
    [0, 0, [0, 1]],
  ])("from %d to %d: %j", (min, max, ticks) => {
    expect(axisTicks(min, max)).toEqual(ticks);
  });

  it("covers the range with whole, evenly spaced numbers", () => {
    for (const [min, max] of [
      [0, 7],
      [0, 999],
      [-12_345, 67_890],
      [0, 13_001],
    ]) {
      const ticks = axisTicks(min, max);
      expect(ticks[0]).toBeLessThanOrEqual(min);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(new Set(ticks.slice(1).map((t, i) => t - ticks[i])).size).toBe(1);
      expect(ticks.length).toBeLessThanOrEqual(7);
    }
  });
});

describe("StepLineChart", () => {
  const months = ["2026-02", "2026-03", "2026-04", "2026-05"];
  const render = (series: Parameters<typeof StepLineChart>[0]["series"]) =>
    renderToString(createElement(StepLineChart, { months, series, format: (v: number) => `#${v}` }));
  /** each path's steps: [x where it starts, then per month the y it holds and the x where the month ends] */
  const steps = (html: string) =>
    [...html.matchAll(/<path d="([^"]+)"[^>]*stroke="([^"]+)"/g)].map(([, d, color]) => {
      const [, x0, ...rest] = /^M([\d.]+),([\d.]+)H([\d.]+)((?:V[\d.]+H[\d.]+)*)$/.exec(d) ?? [];
      const ys = [rest[0], ...[...(rest[2] ?? "").matchAll(/V([\d.]+)/g)].map((m) => m[1])].map(Number);
      const xs = [rest[1], ...[...(rest[2] ?? "").matchAll(/H([\d.]+)/g)].map((m) => m[1])].map(Number);
      return { color, x0: Number(x0), ys, xs };
    });

  it("draws one step per month per series, higher values higher up, on the axis' scale", () => {
    const html = render([
      { key: "arrived", label: "Arrived", color: "#111111", values: [0, 13_000, 13_000, 16_000] },
      { key: "free", label: "Free", color: "#222222", values: [0, 13_000, 12_840, 15_840] },
    ]);
    const [arrived, free] = steps(html);
    expect(arrived.color).toBe("#111111");
    expect(free.color).toBe("#222222");
    for (const s of [arrived, free]) {
      expect(s.ys).toHaveLength(4);
      expect(s.xs).toHaveLength(4);
      // the months are columns of equal width, left to right
      const widths = [s.xs[0] - s.x0, ...s.xs.slice(1).map((x, i) => x - s.xs[i])];
      for (const w of widths) expect(w).toBeCloseTo(widths[0], 0);
      expect(widths[0]).toBeGreaterThan(0);
    }
    // 0 is on the bottom tick, 16,000 below the top one (20,000), the same value at the same height
    const tickY = (label: string) => Number(new RegExp(`y="([\\d.]+)"[^>]*>${label}</text>`).exec(html)?.[1]) - 4;
    expect(arrived.ys[0]).toBeCloseTo(tickY("#0"), 0);
    expect(arrived.ys[1]).toBe(free.ys[1]);
    expect(arrived.ys[3]).toBeLessThan(arrived.ys[1]);
    expect(free.ys[2]).toBeGreaterThan(free.ys[1]);
    expect(arrived.ys[3]).toBeGreaterThan(tickY("#20000"));
    expect(arrived.ys[3]).toBeCloseTo(tickY("#0") - (tickY("#0") - tickY("#20000")) * 0.8, 0);
  });

  it("labels the axes with the formatter and the months, and lists the series with their dashes", () => {
    const html = render([
      { key: "allocated", label: "Allocated", color: "#333333", values: [0, 100, 160, 160] },
      { key: "planned", label: "Proposed", color: "#444444", dash: "6 3", values: [0, 0, 40, 40] },
    ]);
    for (const t of ["#0", "#50", "#100", "#150", "#200"]) expect(html).toContain(`>${t}</text>`);
    for (const m of months) expect(html).toContain(`>${m}</text>`);
    expect(html).toMatch(/<path d="[^"]+" fill="none" stroke="#444444" stroke-width="2" stroke-dasharray="6 3"/);
    expect(html).not.toMatch(/stroke="#333333" stroke-width="2" stroke-dasharray/);
    expect(html).toContain("Allocated</li>");
    expect(html).toContain("Proposed</li>");
    // the picture is hidden from screen readers (the table beside it is what they read); the legend is not
    expect(html).toMatch(/<div aria-hidden="true"[^>]*><svg/);
  });

  it("keeps its size and names at most twelve months, however long the timeline", () => {
    const long = Array.from({ length: 100 }, (_, i) => `${2026 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
    const html = renderToString(
      createElement(StepLineChart, { months: long, series: [{ key: "a", label: "A", color: "#000000", values: long.map((_, i) => i) }], format: String }),
    );
    const short = render([{ key: "a", label: "A", color: "#000000", values: [1, 2, 3, 4] }]);
    expect(/viewBox="([^"]+)"/.exec(html)?.[1]).toBe(/viewBox="([^"]+)"/.exec(short)?.[1]);
    const named = long.filter((m) => html.includes(`>${m}</text>`));
    expect(named.length).toBeGreaterThanOrEqual(6);
    expect(named.length).toBeLessThanOrEqual(12);
    expect(named[0]).toBe("2026-01");
    expect(steps(html)[0].ys).toHaveLength(100);
  });

  it("goes below zero when a figure does", () => {
    const [free] = steps(render([{ key: "free", label: "Free", color: "#555555", values: [100, -300, 0, 1_000] }]));
    expect(free.ys[1]).toBeGreaterThan(free.ys[2]);
    expect(free.ys[3]).toBeLessThan(free.ys[0]);
  });
});
