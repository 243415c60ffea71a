/**
 * Time in state, maintained (ADR 0054). The dashboard's "time in each state" and the screening
 * deadline's on-time rate were worked out on every view from the whole audit log (each request's events
 * ordered, the next one looked up): 1.3 s per query at 480,000 events on this machine kind, twice per
 * view, and SQLite runs on the event loop, so every other request waited. `memoUntilWrite` kept the
 * figures only until the next commit, which under real use is seconds away.
 *
 * Now each audit event that moves a request updates a few rows, in its transaction:
 * - StayTotal per state and request key (ministry, sector, domain; "" for none): the stays that ended
 *   (count, days summed, the longest) and those still open;
 * - ScreeningDecisionDays per request key and (entered, decided) Korean days: screening stays that ended
 *   in a decision.
 * A request is counted under its current key, as the recount (stay-totals.sql.ts) does: when an edit
 * changes its sector or domain, its stays move to the new key.
 *
 * Portable SQL on the lean write path (ADR 0050); the reads on the lean read path (ADR 0025).
 */
import { koreanDate } from "~/modules/calendar/business-days";
import type { Tx } from "~/utils/db.server";
import { leanAll } from "~/utils/lean-read.server";
import { txAll, txRun } from "~/utils/lean-write.server";

/** Where a request's stays are counted: its ministry, sector and domain ("" for none). */
export interface StayKey {
  organizationId: string;
  sector: string;
  domain: string;
}

const DAY_MS = 86_400_000;
/** A screening stay that ended in one of these is a screening decision. */
const DECISIONS = new Set(["jointPlanning", "revision"]);
/** Stays' day counts from the recount (SQL) and from here (JavaScript) differ in their last bits. */
const EPSILON = 1e-9;

/** The event puts the request in a state: one that changes it, or its first. */
function isStay(e: { requestId: string | null; fromState: string | null; toState: string | null }): boolean {
  return e.requestId !== null && e.toState !== null && (e.fromState === null || e.fromState !== e.toState);
}

export function stayKeyOf(r: { organizationId: string; sector: string | null; domain: string | null }): StayKey {
  return { organizationId: r.organizationId, sector: r.sector ?? "", domain: r.domain ?? "" };
}

/** Adds to a state's totals under `key` (negative to take away); the longest stay only grows here. */
async function addToTotals(tx: Tx, key: StayKey, state: string, change: { ended: number; sumDays: number; maxDays: number | null; current: number }) {
  await txRun(
    tx,
    `INSERT INTO "StayTotal" ("state", "organizationId", "sector", "domain", "ended", "sumDays", "maxDays", "current")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT ("state", "organizationId", "sector", "domain") DO UPDATE SET
      "ended" = "StayTotal"."ended" + excluded."ended",
      "sumDays" = "StayTotal"."sumDays" + excluded."sumDays",
      "maxDays" = CASE WHEN "StayTotal"."maxDays" IS NULL OR excluded."maxDays" > "StayTotal"."maxDays" THEN excluded."maxDays" ELSE "StayTotal"."maxDays" END,
      "current" = "StayTotal"."current" + excluded."current"`,
    [state, key.organizationId, key.sector, key.domain, change.ended, change.sumDays, change.maxDays, change.current],
  );
}

async function addScreeningDecision(tx: Tx, key: StayKey, enteredAt: Date, decidedAt: Date, count: number) {
  await txRun(
    tx,
    `INSERT INTO "ScreeningDecisionDays" ("organizationId", "sector", "domain", "enteredOn", "decidedOn", "count") VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT ("organizationId", "sector", "domain", "enteredOn", "decidedOn") DO UPDATE SET "count" = "ScreeningDecisionDays"."count" + excluded."count"`,
    [key.organizationId, key.sector, key.domain, koreanDate(enteredAt), koreanDate(decidedAt), count],
  );
}

/**
 * After an audit event was appended (its `seq` and `at`): if it moves a request, the stay it ends and the
 * one it starts. Inside the event's transaction.
 */
export async function recordStay(
  tx: Tx,
  event: { seq: number; requestId: string | null; fromState: string | null; toState: string | null; at: Date },
): Promise<void> {
  if (!isStay(event)) return;
  const requestId = event.requestId!;
  const [request] = await txAll<{ organizationId: string; sector: string | null; domain: string | null }>(
    tx,
    'SELECT "organizationId", "sector", "domain" FROM "DemandRequest" WHERE "id" = ?',
    [requestId],
  );
  if (!request) return;
  const key = stayKeyOf(request);
  const [previous] = await txAll<{ toState: string; at: string | Date }>(
    tx,
    `SELECT "toState", "at" FROM "AuditEvent"
    WHERE "requestId" = ? AND "seq" < ? AND "toState" IS NOT NULL AND ("fromState" IS NULL OR "fromState" <> "toState")
    ORDER BY "seq" DESC LIMIT 1`,
    [requestId, event.seq],
  );
  if (previous) {
    const enteredAt = new Date(previous.at);
    const days = (event.at.getTime() - enteredAt.getTime()) / DAY_MS;
    await addToTotals(tx, key, previous.toState, { ended: 1, sumDays: days, maxDays: days, current: -1 });
    if (previous.toState === "screening" && DECISIONS.has(event.toState!)) await addScreeningDecision(tx, key, enteredAt, event.at, 1);
  }
  await addToTotals(tx, key, event.toState!, { ended: 0, sumDays: 0, maxDays: null, current: 1 });
}

interface Stay {
  state: string;
  enteredAt: Date;
  leftAt: Date | null;
  nextState: string | null;
}

type StayEvent = { requestId: string; fromState: string | null; toState: string | null; at: string | Date };

/** Stays from audit events ordered by request, then seq. */
function staysFrom(events: readonly StayEvent[]): Stay[] {
  const stays: Stay[] = [];
  let openFor: string | null = null; // the request whose last stay is still open in `stays`
  for (const e of events) {
    if (!isStay(e)) continue;
    const at = new Date(e.at);
    const last = stays.at(-1);
    if (last && openFor === e.requestId) {
      last.leftAt = at;
      last.nextState = e.toState;
    }
    stays.push({ state: e.toState!, enteredAt: at, leftAt: null, nextState: null });
    openFor = e.requestId;
  }
  return stays;
}

/** A request's stays, from its audit events. */
async function staysOf(tx: Tx, requestId: string): Promise<Stay[]> {
  return staysFrom(
    await txAll<StayEvent>(tx, 'SELECT "requestId", "fromState", "toState", "at" FROM "AuditEvent" WHERE "requestId" = ? ORDER BY "seq"', [requestId]),
  );
}

/**
 * An edit changed the request's sector or domain (`from` → `to`): its stays move to the new key. Where
 * one of them was the longest of its state under the old key, that longest is read again from the
 * requests still under it. Inside the edit's transaction, after the request row was updated.
 */
export async function moveStays(tx: Tx, requestId: string, from: StayKey, to: StayKey): Promise<void> {
  if (from.organizationId === to.organizationId && from.sector === to.sector && from.domain === to.domain) return;
  const stays = await staysOf(tx, requestId);
  const longest = new Map<string, number>(); // per state, the longest ended stay moved
  for (const s of stays) {
    const days = s.leftAt ? (s.leftAt.getTime() - s.enteredAt.getTime()) / DAY_MS : null;
    const ended = s.leftAt ? 1 : 0;
    await addToTotals(tx, from, s.state, { ended: -ended, sumDays: -(days ?? 0), maxDays: null, current: ended - 1 });
    await addToTotals(tx, to, s.state, { ended, sumDays: days ?? 0, maxDays: days, current: 1 - ended });
    if (days !== null) longest.set(s.state, Math.max(longest.get(s.state) ?? 0, days));
    if (s.leftAt && s.state === "screening" && DECISIONS.has(s.nextState!)) {
      await addScreeningDecision(tx, from, s.enteredAt, s.leftAt, -1);
      await addScreeningDecision(tx, to, s.enteredAt, s.leftAt, 1);
    }
  }
  for (const [state, days] of longest) {
    const [row] = await txAll<{ maxDays: number | null }>(
      tx,
      'SELECT "maxDays" FROM "StayTotal" WHERE "state" = ? AND "organizationId" = ? AND "sector" = ? AND "domain" = ?',
      [state, from.organizationId, from.sector, from.domain],
    );
    if (row?.maxDays !== null && row?.maxDays !== undefined && days < Number(row.maxDays) - EPSILON) continue;
    await txRun(tx, 'UPDATE "StayTotal" SET "maxDays" = ? WHERE "state" = ? AND "organizationId" = ? AND "sector" = ? AND "domain" = ?', [
      await longestStayUnder(tx, from, state),
      state,
      from.organizationId,
      from.sector,
      from.domain,
    ]);
  }
}

/** The longest ended stay in `state` of the requests now under `key` (null: none), from their audit events in one read. */
async function longestStayUnder(tx: Tx, key: StayKey, state: string): Promise<number | null> {
  const events = await txAll<StayEvent>(
    tx,
    `SELECT e."requestId", e."fromState", e."toState", e."at" FROM "AuditEvent" e JOIN "DemandRequest" r ON r."id" = e."requestId"
    WHERE r."organizationId" = ? AND COALESCE(r."sector", '') = ? AND COALESCE(r."domain", '') = ?
    ORDER BY e."requestId", e."seq"`,
    [key.organizationId, key.sector, key.domain],
  );
  let longest: number | null = null;
  for (const s of staysFrom(events)) if (s.state === state && s.leftAt) longest = Math.max(longest ?? 0, (s.leftAt.getTime() - s.enteredAt.getTime()) / DAY_MS);
  return longest;
}

/** Filters on the request key: the dashboard's scope. */
export interface StayScope {
  organizationId: string | null;
  sector: string | null;
  domain: string | null;
}

/** The scope as conditions on a table keyed by request key (StayTotal, ScreeningDecisionDays, RequestCube). */
export function keyWhere(scope: StayScope): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  for (const column of ["organizationId", "sector", "domain"] as const) {
    const value = scope[column];
    if (value === null) continue;
    parts.push(`"${column}" = ?`);
    params.push(value);
  }
  return { sql: parts.length ? parts.join(" AND ") : "1 = 1", params };
}

/** Per state with any stay in scope: ended stays, their days summed, the longest, and the stays open. */
export async function stayTotals(scope: StayScope) {
  const w = keyWhere(scope);
  const rows = await leanAll<{ state: string; ended: number; sumDays: number; maxDays: number | null; current: number }>(
    `SELECT "state", SUM("ended") AS "ended", SUM("sumDays") AS "sumDays", MAX("maxDays") AS "maxDays", SUM("current") AS "current"
    FROM "StayTotal" WHERE ${w.sql} GROUP BY "state"`,
    w.params,
  );
  return rows
    .map((r) => ({
      state: r.state,
      ended: Number(r.ended),
      sumDays: Number(r.sumDays),
      maxDays: r.maxDays === null ? null : Number(r.maxDays),
      current: Number(r.current),
    }))
    .filter((r) => r.ended > 0 || r.current > 0);
}

/** Screening decisions in scope per (entered, decided) Korean day. */
export async function screeningDecisionDays(scope: StayScope) {
  const w = keyWhere(scope);
  const rows = await leanAll<{ enteredOn: string; decidedOn: string; n: number }>(
    `SELECT "enteredOn", "decidedOn", SUM("count") AS "n" FROM "ScreeningDecisionDays" WHERE ${w.sql} GROUP BY "enteredOn", "decidedOn"`,
    w.params,
  );
  return rows.map((r) => ({ enteredOn: r.enteredOn, decidedOn: r.decidedOn, n: Number(r.n) })).filter((r) => r.n > 0);
}
