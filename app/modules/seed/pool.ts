/**
 * Demo pool: 52,000 GPUs, 13,000 of them in four 2026 tranches from February, the rest in later
 * years (all planning figures, editable by the administrator), and a few allocations made through
 * the ledger service (so the requests reach `allocated` and `active` through real events).
 */
import { userByEmail, send, SECRETARIAT_EMAIL } from "./drive.server";
import { allocateGpus, releaseAllocation } from "~/modules/pool/allocations.server";
import { createTranche, setPoolTotal } from "~/modules/pool/tranches.server";
import { DEFAULT_POOL_GPUS } from "~/modules/pool/pool.schema";
import { db } from "~/utils/db.server";

const MODEL = "NVIDIA B200";

export const DEMO_TRANCHES: { label: string; arrivalMonth: string; capacity: number }[] = [
  { label: "2026년 1차", arrivalMonth: "2026-02", capacity: 3_000 },
  { label: "2026년 2차", arrivalMonth: "2026-05", capacity: 4_000 },
  { label: "2026년 3차", arrivalMonth: "2026-08", capacity: 3_000 },
  { label: "2026년 4차", arrivalMonth: "2026-11", capacity: 3_000 },
  { label: "2027년 1차", arrivalMonth: "2027-02", capacity: 6_500 },
  { label: "2027년 2차", arrivalMonth: "2027-05", capacity: 6_500 },
  { label: "2027년 3차", arrivalMonth: "2027-08", capacity: 6_500 },
  { label: "2027년 4차", arrivalMonth: "2027-11", capacity: 6_500 },
  { label: "2028년 1차", arrivalMonth: "2028-02", capacity: 6_500 },
  { label: "2028년 2차", arrivalMonth: "2028-05", capacity: 6_500 },
];

/** Pool, tranches and demo allocations (skipped when tranches exist already). */
export async function seedDemoPool(): Promise<void> {
  if ((await db.tranche.count()) > 0) return;
  await seedPool();
  await seedPoolAllocations();
}

export async function seedPool(): Promise<void> {
  const admin = await userByEmail("admin@ax.go.kr");
  await setPoolTotal({ user: admin, totalGpus: DEFAULT_POOL_GPUS });
  for (const t of DEMO_TRANCHES) {
    await createTranche({ user: admin, input: { ...t, gpuModel: MODEL, resourceKind: "GPU" } });
  }
}

async function approvedByTitle(title: string) {
  return db.demandRequest.findFirst({ where: { title, state: "approved" }, select: { id: true } });
}

/**
 * Allocations for the demo approved requests: the national infection-forecast model fully (two
 * tranches) and then started; defence logistics partly. The agriculture early-warning request stays
 * approved and waiting, for the planner; the defence energy project ran, closed and gave its GPUs back.
 */
export async function seedPoolAllocations(): Promise<void> {
  const sec = await userByEmail(SECRETARIAT_EMAIL);
  const [first, second] = await db.tranche.findMany({ orderBy: { arrivalMonth: "asc" }, take: 2, select: { id: true } });
  const national = await approvedByTitle("감염병 확산 예측 국가 AI 모델");
  if (national && first && second) {
    await allocateGpus({ user: sec, input: { requestId: national.id, trancheId: first.id, gpus: 1_000 } });
    await allocateGpus({ user: sec, input: { requestId: national.id, trancheId: second.id, gpus: 600 } });
    await send(sec, national.id, { type: "START" });
  }
  const defence = await approvedByTitle("국방 물자 수요예측 AI");
  if (defence && second) await allocateGpus({ user: sec, input: { requestId: defence.id, trancheId: second.id, gpus: 200 } });
  // a project that ran and ended: allocated, started, closed, and its GPUs returned to the tranche
  const ended = await approvedByTitle("국방 시설 에너지 절감 AI (종료)");
  if (ended && first) {
    const allocation = await allocateGpus({ user: sec, input: { requestId: ended.id, trancheId: first.id, gpus: 100 } });
    await send(sec, ended.id, { type: "START" });
    await send(sec, ended.id, { type: "CLOSE" });
    await releaseAllocation({ user: sec, allocationId: allocation.id });
  }
}
