import { formatMonth } from "~/i18n/format";
/**
 * The allocation ledger (SECRETARIAT writes; everyone reads what they may see).
 *
 * One allocation = GPUs from one tranche to one request for a period. Each allocation is ONE
 * transaction: (a) the guarded UPDATE that takes the GPUs from the tranche — the capacity check is
 * in its WHERE clause, so concurrent calls can never over-allocate; (b) the ALLOCATE event through
 * `applyRequestEvent` — the machine's `withinApproved` guard keeps the request within its approved
 * count; (c) the Allocation row, whose id joins the event's audit payload. Any refusal rolls back
 * all three. Release is the mirror image (guarded decrement, RELEASE event).
 */
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import { appendAuditEvent } from "~/modules/audit/audit.server";
import { can, ministryScope } from "~/modules/auth/permissions";
import type { CurrentUser } from "~/modules/auth/session.server";
import { applyRequestEvent, findVisibleRequest, toWorkflowActor } from "~/modules/requests/requests.server";
import { db, type Tx } from "~/utils/db.server";
import { memoUntilWrite } from "~/utils/lean-read.server";
import { AppError, forbidden, notFound } from "~/utils/errors";
import { compareMonths, maxMonth } from "./planner";
import type { AllocateInput, CommitPlanInput } from "./pool.schema";
import { count } from "./tranches.server";
import { appErrorMessage } from "~/utils/api.server";
import { allowConditionalAllocation } from "~/utils/config.server";
import { now } from "~/utils/clock";

function requireSecretariat(user: CurrentUser) {
  if (!can(user, "pool:allocate")) throw forbidden();
}

function invalid(field: string, key: "pool.error.startBeforeArrival" | "pool.error.unknownTranche", params?: Record<string, string | number>): AppError {
  // months said as people read them ("2027년 3월" / "Mar 2027"), in each reader's language
  const said = (locale: Locale) =>
    translate(locale, key, params && typeof params.arrival === "string" ? { ...params, arrival: formatMonth(locale, params.arrival) } : params);
  return new AppError(
    "VALIDATION_FAILED",
    422,
    key,
    params,
    { fieldsByLocale: { ko: { [field]: said("ko") }, en: { [field]: said("en") } } },
    { ko: said("ko"), en: said("en") },
  );
}

/** The machine's OVER_APPROVED refusal is a 409 in the API contract (not 422); its text is kept. */
function asContractError(error: unknown): unknown {
  if (error instanceof AppError && error.extra?.reason === "OVER_APPROVED") {
    return new AppError("OVER_APPROVED", 409, error.messageKey, error.params, { reason: "OVER_APPROVED" }, error.text);
  }
  return error;
}

/** Takes `gpus` from the tranche only if they fit: 0 rows changed = not enough remaining. */
async function takeFromTranche(tx: Tx, trancheId: string, gpus: number) {
  const changed =
    await tx.$executeRaw`UPDATE "Tranche" SET "allocated" = "allocated" + ${gpus}, "version" = "version" + 1 WHERE "id" = ${trancheId} AND "allocated" + ${gpus} <= "capacity"`;
  if (changed === 0) {
    const t = await tx.tranche.findUniqueOrThrow({ where: { id: trancheId }, select: { capacity: true, allocated: true, label: true } });
    const remaining = Math.max(0, t.capacity - t.allocated);
    throw new AppError(
      "CAPACITY_EXCEEDED",
      409,
      "pool.error.capacityExceeded",
      { label: t.label, remaining: count(remaining), requested: count(gpus) },
      { remaining },
    );
  }
}

async function giveBackToTranche(tx: Tx, trancheId: string, gpus: number) {
  const changed =
    await tx.$executeRaw`UPDATE "Tranche" SET "allocated" = "allocated" - ${gpus}, "version" = "version" + 1 WHERE "id" = ${trancheId} AND "allocated" >= ${gpus}`;
  if (changed === 0) throw new AppError("CONFLICT", 409, "pool.error.ledgerMismatch");
}

/** One allocation inside the caller's transaction (used by the API and by the plan commit). */
async function allocateInTx(tx: Tx, user: CurrentUser, input: AllocateInput) {
  const tranche = await tx.tranche.findUnique({ where: { id: input.trancheId }, select: { arrivalMonth: true } });
  if (!tranche) throw invalid("trancheId", "pool.error.unknownTranche");
  const request = await tx.demandRequest.findUnique({ where: { id: input.requestId }, select: { desiredStartMonth: true, durationMonths: true } });
  if (!request) throw notFound();
  const startMonth = input.startMonth ?? maxMonth(tranche.arrivalMonth, request.desiredStartMonth ?? tranche.arrivalMonth);
  if (compareMonths(startMonth, tranche.arrivalMonth) < 0) throw invalid("startMonth", "pool.error.startBeforeArrival", { arrival: tranche.arrivalMonth });
  const months = input.months ?? request.durationMonths ?? 1;

  await takeFromTranche(tx, input.trancheId, input.gpus);
  let allocationId = "";
  try {
    const result = await applyRequestEvent(tx, {
      user,
      requestId: input.requestId,
      event: { type: "ALLOCATE", gpus: input.gpus, actor: toWorkflowActor(user), conditionalAllowed: allowConditionalAllocation() },
      sideRows: async () => {
        const row = await tx.allocation.create({
          data: { requestId: input.requestId, trancheId: input.trancheId, gpus: input.gpus, startMonth, months, createdById: user.id },
        });
        allocationId = row.id;
        return { allocationId, trancheId: input.trancheId, startMonth, months };
      },
    });
    const { state, stateDetail, version } = result;
    const { requestId, trancheId, gpus } = input;
    return { id: allocationId, requestId, trancheId, gpus, startMonth, months, request: { state, stateDetail, version } };
  } catch (error) {
    throw asContractError(error);
  }
}

/** POST /api/v1/allocations: one allocation, one transaction. */
export async function allocateGpus({ user, input }: { user: CurrentUser; input: AllocateInput }) {
  await findVisibleRequest(user, input.requestId); // outsiders: 404 before anything else
  requireSecretariat(user);
  const allocation = await db.$transaction((tx) => allocateInTx(tx, user, input));
  const t = await db.tranche.findUniqueOrThrow({ where: { id: input.trancheId }, select: { capacity: true, allocated: true } });
  return { ...allocation, tranche: { id: input.trancheId, remaining: t.capacity - t.allocated } };
}

/**
 * A request's (or, without `requestId`, every visible) allocation; officers see only their ministry's.
 * Kept until the next commit per scope and request (ADR 0029): callers treat the rows as read-only.
 */
export async function listAllocations({ user, requestId }: { user: CurrentUser; requestId?: string }) {
  if (requestId) await findVisibleRequest(user, requestId);
  const scope = ministryScope(user);
  return memoUntilWrite(`pool|allocations|${scope.organizationId ?? "*"}|${requestId ?? ""}`, "", () => readAllocations(scope, requestId));
}

async function readAllocations(scope: ReturnType<typeof ministryScope>, requestId?: string) {
  const rows = await db.allocation.findMany({
    where: { ...(requestId ? { requestId } : {}), request: scope },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      tranche: { select: { label: true, arrivalMonth: true, gpuModel: true, resourceKind: true } },
      request: { select: { reference: true, title: true } },
    },
  });
  return rows.map((a) => ({
    id: a.id,
    requestId: a.requestId,
    trancheId: a.trancheId,
    gpus: a.gpus,
    startMonth: a.startMonth,
    months: a.months,
    createdAt: a.createdAt,
    releasedAt: a.releasedAt,
    tranche: { label: a.tranche.label, arrivesOn: a.tranche.arrivalMonth, gpuModel: a.tranche.gpuModel, resourceKind: a.tranche.resourceKind },
    request: { reference: a.request.reference, title: a.request.title },
  }));
}
export type AllocationView = Awaited<ReturnType<typeof listAllocations>>[number];

/**
 * Returns an allocation's GPUs to its tranche. While the request is `allocated` this is the RELEASE
 * event (partially ↔ approved); once it is `closed` (closed early) the GPUs simply go back to the
 * pool, audited as ALLOCATION_RELEASED without a state change. Other states refuse (422).
 */
export async function releaseAllocation({ user, allocationId }: { user: CurrentUser; allocationId: string }) {
  const allocation = await db.allocation.findFirst({ where: { id: allocationId, request: ministryScope(user) } });
  if (!allocation) throw notFound();
  requireSecretariat(user);
  return db.$transaction(async (tx) => {
    const { count } = await tx.allocation.updateMany({ where: { id: allocationId, releasedAt: null }, data: { releasedAt: now(), releasedById: user.id } });
    if (count === 0) throw new AppError("CONFLICT", 409, "pool.error.alreadyReleased");
    await giveBackToTranche(tx, allocation.trancheId, allocation.gpus);
    const ids = { allocationId, trancheId: allocation.trancheId };
    const request = await tx.demandRequest.findUniqueOrThrow({ where: { id: allocation.requestId }, select: { state: true } });
    if (request.state === "closed") {
      await appendAuditEvent(tx, {
        requestId: allocation.requestId,
        actorId: user.id,
        type: "ALLOCATION_RELEASED",
        fromState: "closed",
        toState: "closed",
        payload: { gpus: allocation.gpus, ...ids },
      });
      return { id: allocationId, request: { state: "closed" } };
    }
    const result = await applyRequestEvent(tx, {
      user,
      requestId: allocation.requestId,
      event: { type: "RELEASE", gpus: allocation.gpus, actor: toWorkflowActor(user) },
      auditPayload: ids,
    });
    return { id: allocationId, request: { state: result.state, stateDetail: result.stateDetail, version: result.version } };
  });
}

function errorText(error: AppError, locale: Locale): string {
  return appErrorMessage(error, locale);
}

/**
 * Commits a proposed schedule as allocations, all or nothing: one transaction, each allocation
 * through the same guarded path; the first refusal rolls back every allocation and names the
 * request that could not be allocated and why.
 */
export async function commitPlan({ user, input }: { user: CurrentUser; input: CommitPlanInput }) {
  requireSecretariat(user);
  return db.$transaction(async (tx) => {
    const written = [];
    for (const item of input.allocations) {
      try {
        written.push(await allocateInTx(tx, user, item));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const row = await tx.demandRequest.findUnique({ where: { id: item.requestId }, select: { reference: true, title: true } });
        const reference = row?.reference ?? row?.title ?? item.requestId;
        throw new AppError(
          error.code,
          error.status,
          "pool.error.commitFailed",
          undefined,
          { requestId: item.requestId, ...error.extra },
          {
            ko: translate("ko", "pool.error.commitFailed", { reference, reason: errorText(error, "ko") }),
            en: translate("en", "pool.error.commitFailed", { reference, reason: errorText(error, "en") }),
          },
        );
      }
    }
    return { allocations: written };
  });
}
