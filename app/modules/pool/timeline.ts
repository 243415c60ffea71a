/**
 * Capacity timeline (pure): for every month from the first arrival to a little after the last
 * arrival or start, the GPUs arrived so far, the GPUs allocated (committed allocations started by
 * then), the GPUs a proposed plan would add, and what is left free. All cumulative: capacity is not
 * returned when a period ends, as in the ledger.
 */
import { addMonths, compareMonths, monthsBetween, type Month } from "./planner";

export interface TimelinePoint {
  month: Month;
  arrived: number;
  allocated: number;
  planned: number;
  free: number;
}

export interface TimelineInput {
  tranches: readonly { arrivesOn: Month; capacity: number }[];
  allocations: readonly { startMonth: Month; gpus: number }[];
  planned?: readonly { startMonth: Month; gpus: number }[];
  /** Months shown after the last arrival or start (default 2). */
  tail?: number;
}

function sumByMonth(rows: readonly { month: Month; n: number }[]): Map<Month, number> {
  const m = new Map<Month, number>();
  for (const r of rows) m.set(r.month, (m.get(r.month) ?? 0) + r.n);
  return m;
}

export function capacityTimeline({ tranches, allocations, planned = [], tail = 2 }: TimelineInput): TimelinePoint[] {
  const months = [...tranches.map((t) => t.arrivesOn), ...allocations.map((a) => a.startMonth), ...planned.map((a) => a.startMonth)];
  if (tranches.length === 0) return [];
  const first = tranches.map((t) => t.arrivesOn).reduce((a, b) => (compareMonths(a, b) <= 0 ? a : b));
  const last = months.reduce((a, b) => (compareMonths(a, b) >= 0 ? a : b));
  const arrivals = sumByMonth(tranches.map((t) => ({ month: t.arrivesOn, n: t.capacity })));
  const starts = sumByMonth(allocations.map((a) => ({ month: a.startMonth, n: a.gpus })));
  const plannedStarts = sumByMonth(planned.map((a) => ({ month: a.startMonth, n: a.gpus })));

  const points: TimelinePoint[] = [];
  let arrived = 0;
  let allocated = 0;
  let plannedSum = 0;
  for (let i = 0; i <= monthsBetween(first, last) + tail; i++) {
    const month = addMonths(first, i);
    arrived += arrivals.get(month) ?? 0;
    allocated += starts.get(month) ?? 0;
    plannedSum += plannedStarts.get(month) ?? 0;
    points.push({ month, arrived, allocated, planned: plannedSum, free: Math.max(0, arrived - allocated - plannedSum) });
  }
  return points;
}
