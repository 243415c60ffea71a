import { createHash } from "node:crypto";
import type { Tx } from "~/utils/db.server";
import { db, type Db } from "~/utils/db.server";
import { leanAll, leanDate } from "~/utils/lean-read.server";
import { txAll, txRun } from "~/utils/lean-write.server";
import { recordStay } from "~/modules/stats/stay-totals.server";
import { now } from "~/utils/clock";
import {
  type AnchorLocation,
  checkpointPending,
  checkSignature,
  defaultAnchor,
  flushAuditAnchor,
  readCheckpoints,
  scheduleAuditCheckpoint,
} from "./anchor.server";
import { checkAuditPayload, type PayloadFor } from "./payloads";
import { notifyForAuditEvent, type RequestFacts } from "~/modules/notifications/notify.server";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every depth, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export interface AuditFields {
  seq: number;
  requestId: string | null;
  actorId: string | null;
  type: string;
  fromState: string | null;
  toState: string | null;
  payload: string;
  at: Date;
}

/** The canonical serialisation of an event: `canonicalJson` of its fields, spelled out (keys sorted) because verification runs it a million times. */
export function auditBody({ seq, requestId, actorId, type, fromState, toState, payload, at }: AuditFields): string {
  const j = JSON.stringify;
  return `{"actorId":${j(actorId)},"at":${j(at.toISOString())},"fromState":${j(fromState)},"payload":${j(payload)},"requestId":${j(requestId)},"seq":${j(seq)},"toState":${j(toState)},"type":${j(type)}}`;
}

/** hash = SHA-256(prevHash + "\n" + canonical serialisation of the event). */
export function auditHash(prevHash: string, event: AuditFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(auditBody(event)).digest("hex");
}

/**
 * Appends one event to the chain inside the caller's transaction. The payload of a type listed in
 * `./payloads` must match its schema (checked here, before it is hashed). A checkpoint of the new
 * head is written outside the database shortly after (see ./anchor.server).
 */
export async function appendAuditEvent<T extends string>(
  tx: Tx,
  event: { requestId?: string | null; actorId?: string | null; type: T; fromState?: string | null; toState?: string | null; payload?: PayloadFor<T> },
  /** The request's facts as the caller read them in this transaction (its notifications need them). */
  request?: RequestFacts,
) {
  checkAuditPayload(event.type, event.payload ?? {});
  // the head and the new event on the lean write path (ADR 0050): every state change runs these
  const [last] = await txAll<{ seq: number; hash: string }>(tx, 'SELECT "seq", "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1');
  const fields: AuditFields = {
    seq: (last?.seq ?? 0) + 1,
    requestId: event.requestId ?? null,
    actorId: event.actorId ?? null,
    type: event.type,
    fromState: event.fromState ?? null,
    toState: event.toState ?? null,
    payload: canonicalJson(event.payload ?? {}),
    at: now(),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = { ...fields, prevHash, hash: auditHash(prevHash, fields) };
  await txRun(
    tx,
    'INSERT INTO "AuditEvent" ("seq", "requestId", "actorId", "type", "fromState", "toState", "payload", "at", "prevHash", "hash") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [row.seq, row.requestId, row.actorId, row.type, row.fromState, row.toState, row.payload, row.at, row.prevHash, row.hash],
  );
  // the dashboard's time in state, maintained (ADR 0054)
  await recordStay(tx, row);
  // the outbox: notifications caused by this event commit (or roll back) with it (docs/decisions/0020)
  await notifyForAuditEvent(tx, row, { appended: true, known: request });
  scheduleAuditCheckpoint();
  return row;
}

/** Why a verification failed. */
export type AuditBreak =
  /** an event's stored hash or link does not match its content: edited, inserted or deleted in the middle */
  | "HASH_MISMATCH"
  /** a checkpoint names an event that is gone: the tail was deleted */
  | "TRUNCATED"
  /** the event at a checkpoint has another hash than was anchored: the chain was rewritten and rehashed */
  | "ANCHOR_MISMATCH"
  /** events exist but no checkpoint does (the anchor file was removed) */
  | "ANCHOR_MISSING"
  /** a checkpoint's signature is wrong (the file was edited) */
  | "ANCHOR_SIGNATURE"
  /** a checkpoint was signed with another key than this instance's AUDIT_ANCHOR_KEY */
  | "ANCHOR_OTHER_KEY"
  /** a line of the anchor file (not the last) is not a checkpoint */
  | "ANCHOR_CORRUPT";

export interface AnchorSummary {
  checkpoints: number;
  /** The highest anchored event, and when it was anchored. */
  seq: number | null;
  at: string | null;
}

export type AuditVerification =
  | { ok: true; events: number; head: string; anchor: AnchorSummary }
  | { ok: false; brokenAt: number; reason: AuditBreak; events: number; anchor?: AnchorSummary; line?: number };

/** Events read per query while verifying: memory stays flat whatever the length of the chain. */
export const VERIFY_PAGE_SIZE = 1000;
const ANCHOR_BATCH = 500;

/**
 * Recomputes the whole chain in keyset pages over `seq` (bounded memory at any size), then checks
 * every checkpoint of the anchor against it: the event must still exist (else the tail was cut)
 * and carry the anchored hash (else the chain was rewritten). Reports the first problem found.
 */
export async function verifyAuditChain({ client = db, anchor }: { client?: Db; anchor?: AnchorLocation } = {}): Promise<AuditVerification> {
  // events this process appended and has not anchored yet are anchored first (same process = the writer)
  if (!anchor && checkpointPending()) await flushAuditAnchor();
  let prevHash = GENESIS_HASH;
  let count = 0;
  let cursor = 0;
  for (;;) {
    const batch = await verifyPage(client, cursor);
    if (batch.length === 0) break;
    for (const e of batch) {
      if (e.prevHash !== prevHash || auditHash(prevHash, e) !== e.hash) return { ok: false, reason: "HASH_MISMATCH", brokenAt: e.seq, events: count };
      prevHash = e.hash;
      count++;
      cursor = e.seq;
    }
  }
  const checked = await checkAnchor(client, anchor ?? defaultAnchor(), cursor);
  if ("reason" in checked) return { ok: false, events: count, ...checked };
  if (count > 0 && checked.checkpoints === 0) return { ok: false, reason: "ANCHOR_MISSING", brokenAt: 1, events: count, anchor: checked };
  return { ok: true, events: count, head: prevHash, anchor: checked };
}

type StoredEvent = AuditFields & { prevHash: string; hash: string };

/**
 * One keyset page of the chain. The app's own database is read on the lean path (ADR 0025): plain rows
 * instead of Prisma's, which is what keeps a server's memory flat over a million events (Prisma's
 * garbage grew the server's heap by ~200 MB); another client (a restored copy) goes through Prisma.
 */
async function verifyPage(client: Db, after: number): Promise<StoredEvent[]> {
  if (client !== db) return client.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: VERIFY_PAGE_SIZE });
  return leanAuditRows<StoredEvent>(
    'SELECT "seq", "requestId", "actorId", "type", "fromState", "toState", "payload", "at", "prevHash", "hash" FROM "AuditEvent" WHERE "seq" > ? ORDER BY "seq" LIMIT ?',
    [after, VERIFY_PAGE_SIZE],
  );
}

/** Audit events read on the lean path (ADR 0025), with `seq` a number and `at` a Date, as Prisma gives them. */
export async function leanAuditRows<T extends { seq: number; at: Date }>(sql: string, params: readonly unknown[]): Promise<T[]> {
  const rows = await leanAll<Omit<T, "at"> & { at: string | number | Date }>(sql, params);
  return rows.map((r) => ({ ...r, seq: Number(r.seq), at: leanDate(r.at)! }) as unknown as T);
}

type AnchorProblem = { reason: AuditBreak; brokenAt: number; line?: number; anchor: AnchorSummary };

/** Streams the anchor file in batches; keeps only a summary and the earliest problem. */
async function checkAnchor(client: Db, anchor: AnchorLocation, headSeq: number): Promise<AnchorSummary | AnchorProblem> {
  const summary: AnchorSummary = { checkpoints: 0, seq: null, at: null };
  let problem: Omit<AnchorProblem, "anchor"> | null = null;
  const note = (p: Omit<AnchorProblem, "anchor">) => {
    if (!problem || p.brokenAt < problem.brokenAt) problem = p;
  };
  let batch: { seq: number; hash: string; line: number }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = await client.auditEvent.findMany({ where: { seq: { in: [...new Set(batch.map((c) => c.seq))] } }, select: { seq: true, hash: true } });
    const hashes = new Map(rows.map((r) => [r.seq, r.hash]));
    for (const c of batch) {
      const stored = hashes.get(c.seq);
      if (stored === undefined) note({ reason: "TRUNCATED", brokenAt: Math.min(c.seq, headSeq + 1), line: c.line });
      else if (stored !== c.hash) note({ reason: "ANCHOR_MISMATCH", brokenAt: c.seq, line: c.line });
    }
    batch = [];
  };
  for await (const entry of readCheckpoints(anchor.file)) {
    if (!entry.checkpoint) {
      if (!entry.torn) note({ reason: "ANCHOR_CORRUPT", brokenAt: headSeq + 1, line: entry.line });
      continue;
    }
    const c = entry.checkpoint;
    const signature = checkSignature(anchor.key, c);
    if (signature !== "ok") {
      note({ reason: signature === "otherKey" ? "ANCHOR_OTHER_KEY" : "ANCHOR_SIGNATURE", brokenAt: c.seq, line: entry.line });
      continue;
    }
    summary.checkpoints++;
    if (summary.seq === null || c.seq > summary.seq) Object.assign(summary, { seq: c.seq, at: c.at });
    batch.push({ seq: c.seq, hash: c.hash, line: entry.line });
    if (batch.length >= ANCHOR_BATCH) await flush();
  }
  await flush();
  return problem ? { ...(problem as Omit<AnchorProblem, "anchor">), anchor: summary } : summary;
}
