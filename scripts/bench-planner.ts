/**
 * Benchmark for the GPU allocation planner: 10,000 requests over 24 tranches.
 * Run: npx tsx scripts/bench-planner.ts
 */
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { addMonths, planAllocations, type PlannerRequest, type PlannerTranche, type Sector } from "../app/modules/pool/planner.ts";

const REQUESTS = 10_000;
const TRANCHES = 24;
const RUNS = 7;
const TARGET_MS = 200;

/** mulberry32: small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePlannerInput(seed = 20251218): { tranches: PlannerTranche[]; requests: PlannerRequest[] } {
  const rnd = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const sectors: Sector[] = ["INDUSTRY", "ACADEMIA_RESEARCH", "NATIONAL_PROJECT"];

  // 24 tranches, one every two months from 2026-02; 52,000 GPUs in total, a few partly committed,
  // plus the ids shuffled so input order is not arrival order.
  const tranches: PlannerTranche[] = Array.from({ length: TRANCHES }, (_, i) => {
    const capacity = i === TRANCHES - 1 ? 52_000 - 2_166 * (TRANCHES - 1) : 2_166;
    return {
      id: `tranche-${String(int(0, 1e9)).padStart(10, "0")}-${i}`,
      label: `${i + 1}차 (${addMonths("2026-02", i * 2)})`,
      arrivesOn: addMonths("2026-02", i * 2),
      capacity,
      allocated: rnd() < 0.25 ? int(0, capacity) : 0,
      resourceKind: "GPU",
    };
  });
  tranches.reverse();

  const requests: PlannerRequest[] = Array.from({ length: REQUESTS }, (_, i) => {
    const approvedGpus = int(1, 24);
    return {
      id: `req-${String(int(0, 1e9)).padStart(10, "0")}-${i}`,
      sector: sectors[int(0, 2)],
      ministryAx: rnd() < 0.4,
      decidedAt: `2026-${String(int(1, 12)).padStart(2, "0")}-${String(int(1, 28)).padStart(2, "0")}`,
      desiredStartMonth: addMonths("2026-02", int(0, 47)),
      durationMonths: int(1, 36),
      approvedGpus,
      alreadyAllocated: rnd() < 0.1 ? int(0, approvedGpus) : 0,
      npuCapable: rnd() < 0.3,
    };
  });
  return { tranches, requests };
}

export async function benchPlanner(): Promise<{ name: string; value: number; unit: string }[]> {
  const input = generatePlannerInput();
  for (let i = 0; i < 3; i++) planAllocations(input); // warm-up

  const times: number[] = [];
  let result = planAllocations(input);
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = planAllocations(input);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const scheduled = result.perRequest.reduce((s, p) => s + p.scheduled, 0);

  return [
    { name: `planner: ${REQUESTS} requests × ${TRANCHES} tranches — median`, value: Math.round(median * 10) / 10, unit: "ms" },
    { name: "planner: allocations proposed", value: result.allocations.length, unit: "allocations" },
    { name: "planner: GPUs scheduled", value: scheduled, unit: "GPUs" },
  ];
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const [median, ...rest] = await benchPlanner();
  console.log(`${median.name} ${median.value} ${median.unit} (target < ${TARGET_MS} ms)`);
  for (const m of rest) console.log(`${m.name}: ${m.value} ${m.unit}`);
  if (median.value >= TARGET_MS) process.exitCode = 1;
}
