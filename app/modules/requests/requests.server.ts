import {
  MACHINE_VERSION,
  SnapshotVersionError,
  allowedEvents,
  explainRefusal,
  initialSnapshot,
  persistSnapshot,
  restoreSnapshot,
  sendEvent,
  stateDetail,
  stateName,
  type EventType,
  type RequestEvent,
  type RequestSnapshot,
} from "#workflows/demand-request.machine";
import type { WorkflowActor } from "#workflows/types";
import { fieldLabel, fieldMessages } from "~/i18n/field-messages";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import { appendAuditEvent, leanAuditRows } from "~/modules/audit/audit.server";
import { fieldChanges } from "~/modules/audit/payloads";
import { can, ministryScope } from "~/modules/auth/permissions";
import { eventWithFacts, writeEventRows, type Transitioned } from "~/modules/meetings/event-rows.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { signoffQuorum } from "~/utils/config.server";
import { leanAll, leanDate, leanGet, memoUntilWrite } from "~/utils/lean-read.server";
import { db, type Tx } from "~/utils/db.server";
import { txAll, txRun } from "~/utils/lean-write.server";
import { moveStays, stayKeyOf } from "~/modules/stats/stay-totals.server";
import { countStateChange } from "./state-counts.server";
import { AppError, forbidden, notFound } from "~/utils/errors";
import { currentMonthInKorea, startMonthInPast } from "./submit-rules";
import { completeIntakeSchema, type DraftIntake, type EventBody } from "./request.schema";
import { now } from "~/utils/clock";
import { ACCESS_EVENT_TYPES } from "~/modules/auth/auth-events.server";
import { distinctIds, whenAny } from "~/utils/distinct";

const EDITABLE_STATES = ["draft", "revision"];

export function toWorkflowActor(user: CurrentUser): WorkflowActor {
  return { userId: user.id, role: user.role, organizationId: user.organization.id, isChair: user.isChair };
}

/**
 * A request the caller may see, or 404 (outsiders can't tell that it exists). Read-only for callers:
 * the row is kept until the next commit to the database (`memoUntilWrite`, ADR 0025), because one page
 * asks for it once per panel (the request page: nine times) and an action and its page's loaders share
 * one HTTP request, with a commit between them that the memo sees.
 */
export async function findVisibleRequest(user: CurrentUser, requestId: string) {
  const scope = ministryScope(user);
  const request = await memoUntilWrite(`visible-request|${scope.organizationId ?? "*"}|${requestId}`, "", () =>
    db.demandRequest.findFirst({
      where: { id: requestId, ...scope },
      include: { organization: { select: { id: true, code: true, nameKo: true, nameEn: true } } },
    }),
  );
  if (!request) throw notFound();
  return request;
}

/**
 * 404 unless the request exists within the caller's scope; reads nothing else (the lean read path,
 * ADR 0025: a committed row, outside any transaction — the event's transaction reads the row itself).
 */
export async function assertVisibleRequest(user: CurrentUser, requestId: string): Promise<void> {
  const { organizationId } = ministryScope(user);
  const found = organizationId
    ? await leanGet('SELECT "id" FROM "DemandRequest" WHERE "id" = ? AND "organizationId" = ?', [requestId, organizationId])
    : await leanGet('SELECT "id" FROM "DemandRequest" WHERE "id" = ?', [requestId]);
  if (!found) throw notFound();
}

type DemandRequestRow = Awaited<ReturnType<Tx["demandRequest"]["findUniqueOrThrow"]>>;

/**
 * The request's row as Prisma gives it, read inside the event's transaction on the lean write path
 * (ADR 0050): the types Prisma gives (a boolean, a BigInt, Dates) from either engine. 404 if it is gone.
 */
export async function requestRowInTransaction(tx: Tx, requestId: string): Promise<DemandRequestRow> {
  type Raw = Omit<DemandRequestRow, "npuCapable" | "budgetKrw" | "submittedAt" | "createdAt" | "updatedAt"> & {
    npuCapable: boolean | number | null;
    budgetKrw: string | null;
    submittedAt: string | Date | null;
    createdAt: string | Date;
    updatedAt: string | Date;
  };
  const [raw] = await txAll<Raw>(
    tx,
    `SELECT "id", "reference", "organizationId", "createdById", "title", "domain", "sector", "problemStatement", "aiWork", "gpusRequested",
      "desiredStartMonth", "durationMonths", "dataReadiness", "npuCapable", "expectedOutcomes", CAST("budgetKrw" AS TEXT) AS "budgetKrw",
      "contactName", "contactEmail", "state", "stateDetail", "version", "machineVersion", "snapshot", "approvedGpus", "submittedAt",
      "createdAt", "updatedAt"
    FROM "DemandRequest" WHERE "id" = ?`,
    [requestId],
  );
  if (!raw) throw notFound();
  return {
    ...raw,
    npuCapable: raw.npuCapable === null ? null : raw.npuCapable === true || raw.npuCapable === 1,
    budgetKrw: raw.budgetKrw === null ? null : BigInt(raw.budgetKrw),
    submittedAt: leanDate(raw.submittedAt),
    createdAt: leanDate(raw.createdAt)!,
    updatedAt: leanDate(raw.updatedAt)!,
  };
}

function restore(row: { snapshot: string; machineVersion: number }): RequestSnapshot {
  try {
    return restoreSnapshot(JSON.parse(row.snapshot), row.machineVersion);
  } catch (error) {
    if (error instanceof SnapshotVersionError || error instanceof SyntaxError) {
      throw new AppError("SNAPSHOT_VERSION", 500, "error.generic");
    }
    throw error;
  }
}

function toIntakeData(fields: DraftIntake) {
  const { budgetKrw, ...rest } = fields;
  return { ...rest, ...(budgetKrw === undefined ? {} : { budgetKrw: BigInt(budgetKrw) }) };
}

/** Creates a draft for the officer's own ministry (the only role that files requests). */
export async function createRequest({ user, fields }: { user: CurrentUser; fields: DraftIntake }) {
  if (!can(user, "request:create")) throw forbidden();
  const snapshot = initialSnapshot({ ministryId: user.organization.id, quorum: signoffQuorum() });
  return db.$transaction(async (tx) => {
    const created = await tx.demandRequest.create({
      data: {
        ...toIntakeData(fields),
        organizationId: user.organization.id,
        createdById: user.id,
        state: stateName(snapshot),
        version: 1,
        machineVersion: MACHINE_VERSION,
        snapshot: JSON.stringify(persistSnapshot(snapshot)),
      },
    });
    await countStateChange(tx, created.organizationId, null, created.state);
    await appendAuditEvent(tx, { requestId: created.id, actorId: user.id, type: "CREATE", toState: created.state, payload: {} });
    return created;
  });
}

async function guardedUpdate(tx: Tx, requestId: string, expectedVersion: number, data: Record<string, unknown>) {
  const { count } = await tx.demandRequest.updateMany({
    where: { id: requestId, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) {
    throw versionConflict(await tx.demandRequest.findUnique({ where: { id: requestId }, select: { state: true, version: true } }));
  }
}

/**
 * A state change's update of the request row, guarded by the version, on the lean write path (ADR 0050):
 * the machine's state and snapshot, the approved GPUs, and on SUBMIT/RESUBMIT the reference (the first
 * time) and when it entered screening. `updatedAt` as Prisma's `@updatedAt` would set it.
 */
async function guardedTransition(
  tx: Tx,
  requestId: string,
  expectedVersion: number,
  change: { state: string; stateDetail: string | null; snapshot: string; approvedGpus: number | null; reference?: string; submittedAt?: Date },
) {
  const extra = [...(change.reference === undefined ? [] : ['"reference"']), ...(change.submittedAt === undefined ? [] : ['"submittedAt"'])];
  const changed = await txRun(
    tx,
    `UPDATE "DemandRequest" SET "state" = ?, "stateDetail" = ?, "machineVersion" = ?, "snapshot" = ?, "approvedGpus" = ?, ${extra.map((c) => `${c} = ?, `).join("")}"version" = "version" + 1, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`,
    [
      change.state,
      change.stateDetail,
      MACHINE_VERSION,
      change.snapshot,
      change.approvedGpus,
      ...(change.reference === undefined ? [] : [change.reference]),
      ...(change.submittedAt === undefined ? [] : [change.submittedAt]),
      now(),
      requestId,
      expectedVersion,
    ],
  );
  if (changed === 0) {
    throw versionConflict(await tx.demandRequest.findUnique({ where: { id: requestId }, select: { state: true, version: true } }));
  }
}

/** Edits intake fields while the request is a draft or returned for revision. */
export async function updateRequest({
  user,
  requestId,
  expectedVersion,
  fields,
}: {
  user: CurrentUser;
  requestId: string;
  expectedVersion: number;
  fields: DraftIntake;
}) {
  const request = await findVisibleRequest(user, requestId);
  if (!can(user, "request:edit")) throw forbidden();
  if (!EDITABLE_STATES.includes(request.state)) {
    throw new AppError("EVENT_NOT_ALLOWED", 422, "error.notEditable");
  }
  return db.$transaction(async (tx) => {
    const before = await tx.demandRequest.findUniqueOrThrow({ where: { id: requestId } });
    await guardedUpdate(tx, requestId, expectedVersion, toIntakeData(fields));
    // the values before and after, read in this transaction (the version guard makes `before` the edited version)
    const sent = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const payload = { fields: Object.keys(sent).sort(), changes: fieldChanges(before, sent) };
    await appendAuditEvent(tx, { requestId, actorId: user.id, type: "EDIT", fromState: request.state, toState: request.state, payload });
    const after = await tx.demandRequest.findUniqueOrThrow({ where: { id: requestId } });
    await moveStays(tx, requestId, stayKeyOf(before), stayKeyOf(after)); // a new sector or domain (ADR 0054)
    return after;
  });
}

async function nextReference(tx: Tx, year: number): Promise<string> {
  const counter = await tx.referenceCounter.upsert({
    where: { year },
    update: { last: { increment: 1 } },
    create: { year, last: 1 },
  });
  return `AX-${year}-${String(counter.last).padStart(4, "0")}`;
}

function refusalText(code: string, params: Record<string, string | number> | undefined, locale: Locale) {
  const p = { ...params };
  if (typeof p.state === "string") p.state = translate(locale, `workflow.state.${p.state}` as never);
  if (typeof p.role === "string") p.role = translate(locale, `role.${p.role}` as never);
  return translate(locale, `workflow.refusal.${code}` as never, p);
}

function refusalError(snapshot: RequestSnapshot, event: RequestEvent, state: string): AppError {
  const refusal = explainRefusal(snapshot, event) ?? { code: "NOT_IN_STATE" as const, params: { state } };
  if (refusal.code === "WRONG_ROLE") return forbidden();
  if (refusal.code === "NOT_OWN_MINISTRY") return notFound();
  // API.md names this one: results are recorded only once the meeting has taken place
  const code = refusal.code === "MEETING_NOT_HELD" ? "MEETING_NOT_HELD" : "EVENT_NOT_ALLOWED";
  return new AppError(
    code,
    422,
    "error.generic",
    { reason: refusal.code },
    { reason: refusal.code },
    {
      ko: refusalText(refusal.code, refusal.params, "ko"),
      en: refusalText(refusal.code, refusal.params, "en"),
    },
  );
}

function versionConflict(current: { state: string; version: number } | null): AppError {
  return new AppError("VERSION_CONFLICT", 409, "error.versionConflict", undefined, { current });
}

/**
 * The core of every state change, inside the caller's transaction: restore the snapshot, ask the
 * machine, update the row guarded by the version, append the audit event. `event` must already
 * carry the server's facts. Without `expectedVersion` the version read in this transaction is used
 * (for server-driven events such as ALLOCATE; the guarded update still catches a lost race).
 * Services that write side rows (agenda items, decisions, allocations) call this in the same
 * transaction, so the side rows and the state change commit or fail together.
 */
export async function applyRequestEvent(
  tx: Tx,
  {
    user,
    requestId,
    event,
    expectedVersion,
    auditPayload,
    sideRows,
    current,
    restored,
  }: {
    user: CurrentUser;
    requestId: string;
    event: RequestEvent;
    expectedVersion?: number;
    /** Extra fields for the audit payload (e.g. ids of the side rows written). */
    auditPayload?: Record<string, unknown>;
    /** Writes the side rows of the accepted event (same transaction); its result joins the audit payload. */
    sideRows?: (t: Transitioned) => Promise<Record<string, unknown> | undefined>;
    /** The row as the caller already read it in this transaction (saves reading it again), and its snapshot restored. */
    current?: DemandRequestRow;
    restored?: RequestSnapshot;
  },
) {
  const row = current ?? (await requestRowInTransaction(tx, requestId));
  const version = expectedVersion ?? row.version;
  if (row.version !== version) throw versionConflict({ state: row.state, version: row.version });
  const snapshot = (current && restored) || restore(row);
  const { snapshot: next, changed } = sendEvent(snapshot, event);
  if (!changed) throw refusalError(snapshot, event, row.state);
  if (event.type === "SUBMIT" || event.type === "RESUBMIT") {
    const missing = completeIntakeSchema.safeParse(intakeOf(row));
    if (!missing.success) {
      // the missing fields named in words, in the reader's language (never the schema's paths)
      const named = (locale: Locale) =>
        translate(locale, "error.incomplete", { fields: [...new Set(missing.error.issues.map((i) => fieldLabel(locale, i.path)))].join(", ") });
      throw new AppError(
        "EVENT_NOT_ALLOWED",
        422,
        "error.incomplete",
        undefined,
        {
          fieldsByLocale: { ko: fieldMessages(missing.error, "ko"), en: fieldMessages(missing.error, "en") },
        },
        { ko: named("ko"), en: named("en") },
      );
    }
    if (startMonthInPast(row.desiredStartMonth)) {
      throw new AppError("EVENT_NOT_ALLOWED", 422, "error.startMonthPast", { month: currentMonthInKorea() });
    }
  }
  const toState = stateName(next);
  const reference = event.type === "SUBMIT" && !row.reference ? await nextReference(tx, Number(currentMonthInKorea().slice(0, 4))) : undefined;
  // when it last entered screening: the screening clock starts again on a resubmission
  const submittedAt = event.type === "SUBMIT" || event.type === "RESUBMIT" ? now() : undefined;
  await guardedTransition(tx, requestId, version, {
    state: toState,
    stateDetail: stateDetail(next),
    snapshot: JSON.stringify(persistSnapshot(next)),
    approvedGpus: next.context.approvedGpus ?? null,
    reference,
    submittedAt,
  });
  await countStateChange(tx, row.organizationId, row.state, toState);
  const written = await sideRows?.({ requestId, userId: user.id, event, fromState: row.state, toState, before: snapshot.context, context: next.context });
  const { actor: _a, ...payload } = event;
  await appendAuditEvent(
    tx,
    { requestId, actorId: user.id, type: event.type, fromState: row.state, toState, payload: { ...payload, ...auditPayload, ...written } },
    // a transition changes neither the ministry, the title nor the author; SUBMIT may give the reference
    { organizationId: row.organizationId, reference: reference ?? row.reference, title: row.title, createdById: row.createdById },
  );
  return {
    state: toState,
    stateDetail: stateDetail(next),
    version: version + 1,
    allowedEvents: allowedEvents(next, toWorkflowActor(user)),
    fromState: row.state,
    context: next.context,
  };
}

/**
 * The one way a client changes a request's state (API events and page forms): scope check, then
 * ONE transaction with the server's facts attached to the event (`withServerFacts`), the machine's
 * verdict, the guarded update and the audit event. A refusal changes nothing and says why.
 */
export async function sendRequestEvent({ user, requestId, body }: { user: CurrentUser; requestId: string; body: EventBody }) {
  await assertVisibleRequest(user, requestId);
  return db.$transaction(async (tx) => {
    const { expectedVersion, ...clientEvent } = body;
    const { fromState: _f, context: _c, ...result } = await applyClientEvent(tx, { user, requestId, clientEvent, expectedVersion });
    return result;
  });
}

/**
 * A client-shaped event (no facts) inside the caller's transaction: the facts read here, the machine's
 * verdict, the side rows and the audit event. For services that change several requests at once (a
 * meeting cancelled sends UNSCHEDULE to each of its items) as well as for `sendRequestEvent`.
 */
export async function applyClientEvent(
  tx: Tx,
  {
    user,
    requestId,
    clientEvent,
    expectedVersion,
    auditPayload,
  }: {
    user: CurrentUser;
    requestId: string;
    clientEvent: { type: string } & Record<string, unknown>;
    expectedVersion?: number;
    auditPayload?: Record<string, unknown>;
  },
) {
  const current = await requestRowInTransaction(tx, requestId);
  if (expectedVersion !== undefined && current.version !== expectedVersion) throw versionConflict({ state: current.state, version: current.version });
  const restored = restore(current);
  const event = await eventWithFacts(tx, requestId, clientEvent, toWorkflowActor(user), restored.context);
  return applyRequestEvent(tx, {
    user,
    requestId,
    event,
    expectedVersion: current.version,
    auditPayload,
    sideRows: (t) => writeEventRows(tx, t),
    current,
    restored,
  });
}

function intakeOf(row: Record<string, unknown>) {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(completeIntakeSchema.shape)) {
    const value = row[key];
    if (value !== null && value !== undefined) fields[key] = typeof value === "bigint" ? Number(value) : value;
  }
  return fields;
}

/** The events this caller may send now (role, ministry and signature guards; payload guards are checked on send). */
export function allowedEventsFor(user: CurrentUser, row: { snapshot: string; machineVersion: number }) {
  return allowedEvents(restore(row), toWorkflowActor(user));
}

/** The request as the API shows it to this caller, from the request's row. */
function requestView(user: CurrentUser, row: Awaited<ReturnType<typeof findVisibleRequest>>) {
  const { snapshot: _s, createdById: _c, organizationId: _o, organization, ...rest } = row;
  return {
    ...rest,
    budgetKrw: rest.budgetKrw === null ? null : Number(rest.budgetKrw),
    ministry: { code: organization.code, name: organization.nameKo, nameEn: organization.nameEn },
    allowedEvents: allowedEventsFor(user, row) as readonly EventType[],
  };
}
export type RequestView = ReturnType<typeof requestView>;

/**
 * The view of a kept row (`findVisibleRequest`: the same object until the next commit), per caller's
 * actor (user, role, ministry, chair: the moves depend on them and on the row's snapshot alone), in a
 * `WeakMap`: a new row after a commit, a new view. Restoring the machine to ask for the moves was about a
 * twentieth of the request page's server time, and HTML made from the view is kept beside it (the
 * request page's fields, `renderOnce`). Read-only for callers, as the row is.
 */
const viewsOfKeptRow = new WeakMap<object, Map<string, RequestView>>();

/** The request as the API shows it to this caller. */
export async function getRequestView({ user, requestId }: { user: CurrentUser; requestId: string }): Promise<RequestView> {
  const row = await findVisibleRequest(user, requestId);
  let byActor = viewsOfKeptRow.get(row);
  if (!byActor) viewsOfKeptRow.set(row, (byActor = new Map()));
  const actor = toWorkflowActor(user);
  const key = `${actor.userId}|${actor.role}|${actor.organizationId}|${actor.isChair}`;
  let view = byActor.get(key);
  if (!view) byActor.set(key, (view = requestView(user, row)));
  return view;
}

/** The request list lives in its own module (filters, sorts, keyset cursor, counts per state). */
export { listMinistries, listRequests } from "./request-list.server";

/** The audit events of one request, oldest first. */
export async function requestHistory({ user, requestId }: { user: CurrentUser; requestId: string }) {
  await findVisibleRequest(user, requestId);
  const events = await db.auditEvent.findMany({ where: { requestId, type: { notIn: ACCESS_EVENT_TYPES } }, orderBy: { seq: "asc" } });
  return withActors(events);
}

/** The API's history page size: default and most per page. */
export const API_HISTORY_LIMIT = { default: 200, max: 1000 } as const;

/**
 * The audit events of one request for the API, oldest first, a page at a time (issue 11): at most
 * `limit` events after the seq `after`; `nextAfter` is the cursor of the next page (null on the last).
 */
export async function requestHistoryApiPage({ user, requestId, after, limit }: { user: CurrentUser; requestId: string; after?: number; limit?: number }) {
  await findVisibleRequest(user, requestId);
  const take = Math.min(Math.max(Math.trunc(limit ?? API_HISTORY_LIMIT.default), 1), API_HISTORY_LIMIT.max);
  const rows = await db.auditEvent.findMany({
    where: { requestId, type: { notIn: ACCESS_EVENT_TYPES }, ...(after !== undefined ? { seq: { gt: after } } : {}) },
    orderBy: { seq: "asc" },
    take: take + 1,
  });
  const page = rows.slice(0, take);
  return { events: await withActors(page), nextAfter: rows.length > take ? page[page.length - 1].seq : null };
}

/** Events of the request page's history per page. */
export const HISTORY_PAGE_SIZE = 50;
export const HISTORY_ORDERS = ["newest", "oldest"] as const;
export type HistoryOrder = (typeof HISTORY_ORDERS)[number];

/**
 * One page of a request's history for its page, newest first (or oldest first when asked): the
 * HISTORY_PAGE_SIZE events after `from` (a seq, exclusive, in that order; default: from the start),
 * `nextFrom` for the next page, plus what the page needs from the whole history without reading it —
 * the states ever reached (grouped in SQL) and the latest RETURN (its reasons). Bounded by the page,
 * however long the history.
 */
export async function requestHistoryPage({
  user,
  requestId,
  from,
  order = "newest",
}: {
  user: CurrentUser;
  requestId: string;
  from?: number;
  order?: HistoryOrder;
}) {
  await findVisibleRequest(user, requestId);
  // the first page (what the request page opens with) is the same for every reader who may see the
  // request: kept until the next commit (ADR 0029); later pages are read each time
  if (!from) return memoUntilWrite(`history|${requestId}|${order}`, "", () => readHistoryPage(requestId, order));
  return readHistoryPage(requestId, order, from);
}

async function readHistoryPage(requestId: string, order: HistoryOrder, from?: number) {
  const newest = order === "newest";
  // the lean read path (ADR 0025): a history page is four reads, each ~1 ms through Prisma and a
  // fraction of that as a kept statement
  const after = from ? (newest ? ' AND "seq" < ?' : ' AND "seq" > ?') : "";
  const [rows, reachedRows, lastReturn] = await Promise.all([
    leanAuditRows<HistoryRow>(
      `SELECT ${HISTORY_COLUMNS} FROM "AuditEvent" WHERE "requestId" = ? AND "type" NOT IN (${ACCESS_EVENT_TYPES.map(() => "?").join(", ")})${after}
       ORDER BY "seq" ${newest ? "DESC" : "ASC"} LIMIT ?`,
      [requestId, ...ACCESS_EVENT_TYPES, ...(from ? [from] : []), HISTORY_PAGE_SIZE + 1],
    ),
    leanAll<{ toState: string }>('SELECT DISTINCT "toState" FROM "AuditEvent" WHERE "requestId" = ? AND "toState" IS NOT NULL', [requestId]),
    leanAuditRows<HistoryRow>(`SELECT ${HISTORY_COLUMNS} FROM "AuditEvent" WHERE "requestId" = ? AND "type" = ? ORDER BY "seq" DESC LIMIT 1`, [
      requestId,
      "RETURN",
    ]),
  ]);
  const page = rows.slice(0, HISTORY_PAGE_SIZE);
  // one read of the actors for the page and the latest RETURN
  const withNames = await withActors([...page, ...lastReturn]);
  return {
    events: withNames.slice(0, page.length),
    order,
    nextFrom: rows.length > HISTORY_PAGE_SIZE ? page[page.length - 1].seq : null,
    reached: reachedRows.map((r) => r.toState),
    lastReturn: withNames[page.length] ?? null,
  };
}

const HISTORY_COLUMNS = '"seq", "type", "fromState", "toState", "at", "payload", "actorId"';

type HistoryRow = { seq: number; type: string; fromState: string | null; toState: string | null; at: Date; payload: string; actorId: string | null };

async function withActors(events: HistoryRow[]) {
  const actorIds = distinctIds(events.map((e) => e.actorId));
  const actors = await whenAny(actorIds, (ids) => db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, role: true } }));
  const byId = new Map(actors.map((a) => [a.id, a]));
  return events.map((e) => ({
    seq: e.seq,
    type: e.type,
    fromState: e.fromState,
    toState: e.toState,
    at: e.at,
    payload: JSON.parse(e.payload),
    actor: e.actorId ? (byId.get(e.actorId) ?? null) : null,
  }));
}
