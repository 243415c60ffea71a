/**
 * The audit log as people read it (issue 15; SECRETARIAT, ADMIN): filter by request (id or
 * reference), person (id or e-mail), event type and Korean calendar days; newest first, keyset pages
 * over `seq` (a page costs the same at any depth); the filtered events as CSV.
 */
import { z } from "zod";
import { db } from "~/utils/db.server";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import type { Column } from "~/modules/reports/table-files.server";
import { distinctIds } from "~/utils/distinct";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const auditQuerySchema = z.strictObject({
  requestId: z.string().trim().max(60).optional(),
  actorId: z.string().trim().max(200).optional(),
  type: z
    .string()
    .trim()
    .max(60)
    .regex(/^[A-Za-z_]*$/)
    .optional(),
  from: day.optional(),
  to: day.optional(),
  cursor: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Query-string values with the empty ones dropped (a form sends every field). */
export function auditParams(search: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...search.entries()].filter(([k, v]) => v.trim() !== "" && k !== "verify"));
}

const startOfKoreanDay = (d: string) => new Date(`${d}T00:00:00+09:00`);

/** The where-clause of the filters; null when a filter names nothing that exists (no rows). */
async function whereOf(q: AuditQuery) {
  const where: Record<string, unknown> = {};
  if (q.requestId) {
    const r = await db.demandRequest.findFirst({ where: { OR: [{ id: q.requestId }, { reference: q.requestId }] }, select: { id: true } });
    if (!r) return null;
    where.requestId = r.id;
  }
  if (q.actorId) {
    const u = await db.user.findFirst({ where: { OR: [{ id: q.actorId }, { email: q.actorId.toLowerCase() }] }, select: { id: true } });
    if (!u) return null;
    where.actorId = u.id;
  }
  if (q.type) where.type = q.type.toUpperCase();
  if (q.from || q.to) {
    where.at = {
      ...(q.from ? { gte: startOfKoreanDay(q.from) } : {}),
      ...(q.to ? { lt: new Date(startOfKoreanDay(q.to).getTime() + 86_400_000) } : {}),
    };
  }
  return where;
}

export interface AuditLogItem {
  seq: number;
  at: string;
  type: string;
  requestId: string | null;
  reference: string | null;
  actor: { id: string; name: string; email: string } | null;
  fromState: string | null;
  toState: string | null;
  payload: unknown;
  hash: string;
}

type AuditLogRow = {
  seq: number;
  at: Date;
  type: string;
  requestId: string | null;
  actorId: string | null;
  fromState: string | null;
  toState: string | null;
  payload: string;
  hash: string;
};

async function decorate(rows: AuditLogRow[]): Promise<AuditLogItem[]> {
  const [actors, requests] = await Promise.all([
    db.user.findMany({ where: { id: { in: distinctIds(rows.map((r) => r.actorId)) } }, select: { id: true, name: true, email: true } }),
    db.demandRequest.findMany({ where: { id: { in: distinctIds(rows.map((r) => r.requestId)) } }, select: { id: true, reference: true } }),
  ]);
  const actorById = new Map(actors.map((a) => [a.id, a]));
  const refById = new Map(requests.map((r) => [r.id, r.reference]));
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at.toISOString(),
    type: r.type,
    requestId: r.requestId,
    reference: r.requestId ? (refById.get(r.requestId) ?? null) : null,
    actor: r.actorId ? (actorById.get(r.actorId) ?? { id: r.actorId, name: "?", email: "" }) : null,
    fromState: r.fromState,
    toState: r.toState,
    payload: JSON.parse(r.payload),
    hash: r.hash,
  }));
}

/** One page, newest first: `nextCursor` is the seq to pass as `cursor` for the next (older) page. */
export async function auditLogPage(q: AuditQuery): Promise<{ items: AuditLogItem[]; nextCursor: number | null }> {
  const where = await whereOf(q);
  if (!where) return { items: [], nextCursor: null };
  const limit = q.limit ?? 50;
  const rows = await db.auditEvent.findMany({
    where: { ...where, ...(q.cursor ? { seq: { lt: q.cursor } } : {}) },
    orderBy: { seq: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { items: await decorate(page), nextCursor: rows.length > limit ? page[page.length - 1].seq : null };
}

/** Every filtered event, newest first, in batches of 1,000 (for the CSV). */
export async function* auditLogBatches(q: AuditQuery): AsyncGenerator<AuditLogItem[]> {
  let cursor: number | undefined = q.cursor;
  for (;;) {
    const { items, nextCursor } = await auditLogPage({ ...q, cursor, limit: 200 });
    if (items.length > 0) yield items;
    if (nextCursor === null) return;
    cursor = nextCursor;
  }
}

export function auditColumns(locale: Locale): Column<AuditLogItem>[] {
  const t = (k: Parameters<typeof translate>[1]) => translate(locale, k);
  return [
    { header: t("notify.audit.seq"), type: "integer", width: 10, value: (e) => e.seq },
    { header: t("notify.audit.at"), type: "dateTime", width: 18, value: (e) => new Date(e.at) },
    { header: t("notify.audit.type"), type: "text", width: 20, value: (e) => e.type },
    { header: t("notify.audit.request"), type: "text", width: 16, value: (e) => e.reference ?? e.requestId },
    { header: t("notify.audit.actor"), type: "text", width: 28, value: (e) => (e.actor ? `${e.actor.name} <${e.actor.email}>` : null) },
    {
      header: t("notify.audit.transition"),
      type: "text",
      width: 28,
      value: (e) => (e.fromState || e.toState ? `${e.fromState ?? ""} → ${e.toState ?? ""}` : null),
    },
    { header: t("notify.audit.payload"), type: "text", width: 60, value: (e) => JSON.stringify(e.payload) },
    { header: "hash", type: "text", width: 66, value: (e) => e.hash },
  ];
}

/** The event types present (the filter's choices). */
export async function auditEventTypes(): Promise<string[]> {
  return (await db.auditEvent.groupBy({ by: ["type"], orderBy: { type: "asc" } })).map((r) => r.type);
}
