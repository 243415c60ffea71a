import { lazy, Suspense, type ComponentProps } from "react";

// recharts is most of the pool pages' JavaScript: its chunk loads on its own, after the page (issue 11)
const Chart = lazy(() => import("./capacity-chart").then((m) => ({ default: m.CapacityChart })));

/** The capacity chart, loaded lazily; the figures are in the table below it meanwhile. */
export function CapacityChart(props: ComponentProps<typeof Chart>) {
  return (
    <Suspense fallback={<div className="h-72" aria-hidden="true" />}>
      <Chart {...props} />
    </Suspense>
  );
}
