import { describe, expect, it } from "vitest";
import { capacityTimeline } from "./timeline";

describe("capacity timeline", () => {
  it("accumulates arrivals, allocations by start month and planned GPUs; free is what is left", () => {
    const points = capacityTimeline({
      tranches: [
        { arrivesOn: "2026-05", capacity: 400 },
        { arrivesOn: "2026-02", capacity: 300 },
      ],
      allocations: [
        { startMonth: "2026-03", gpus: 100 },
        { startMonth: "2026-05", gpus: 50 },
      ],
      planned: [{ startMonth: "2026-06", gpus: 500 }],
      tail: 1,
    });
    expect(points.map((p) => p.month)).toEqual(["2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]);
    expect(points[0]).toEqual({ month: "2026-02", arrived: 300, allocated: 0, planned: 0, free: 300 });
    expect(points[1]).toEqual({ month: "2026-03", arrived: 300, allocated: 100, planned: 0, free: 200 });
    expect(points[3]).toEqual({ month: "2026-05", arrived: 700, allocated: 150, planned: 0, free: 550 });
    expect(points[4]).toEqual({ month: "2026-06", arrived: 700, allocated: 150, planned: 500, free: 50 });
  });

  it("is empty without tranches", () => {
    expect(capacityTimeline({ tranches: [], allocations: [] })).toEqual([]);
  });
});
