import { createHash } from "node:crypto";
import type { Tx } from "~/utils/db.server";
import { db } from "~/utils/db.server";
import { now } from "~/utils/clock";

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

interface AuditFields {
  seq: number;
  requestId: string | null;
  actorId: string | null;
  type: string;
  fromState: string | null;
  toState: string | null;
  payload: string;
  at: Date;
}

/** hash = SHA-256(prevHash + canonical serialisation of the event). */
export function auditHash(prevHash: string, event: AuditFields): string {
  const body = canonicalJson({ ...event, at: event.at.toISOString() });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

/** Appends one event to the chain inside the caller's transaction. */
export async function appendAuditEvent(
  tx: Tx,
  event: { requestId?: string | null; actorId?: string | null; type: string; fromState?: string | null; toState?: string | null; payload?: unknown },
) {
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
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
  return tx.auditEvent.create({ data: { ...fields, prevHash, hash: auditHash(prevHash, fields) } });
}

export type AuditVerification = { ok: true; events: number; head: string } | { ok: false; brokenAt: number; events: number };

/** Recomputes the whole chain; reports the first event whose link or hash does not match. */
export async function verifyAuditChain(): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let count = 0;
  let cursor = 0;
  for (;;) {
    const batch = await db.auditEvent.findMany({ where: { seq: { gt: cursor } }, orderBy: { seq: "asc" }, take: 1000 });
    if (batch.length === 0) break;
    for (const e of batch) {
      const { hash, prevHash: storedPrev, ...fields } = e;
      if (storedPrev !== prevHash || auditHash(prevHash, fields) !== hash) return { ok: false, brokenAt: e.seq, events: count };
      prevHash = hash;
      count++;
      cursor = e.seq;
    }
  }
  return { ok: true, events: count, head: prevHash };
}
