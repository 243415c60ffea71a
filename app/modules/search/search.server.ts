/**
 * Search across everything the caller may see: requests (title, reference, problem statement,
 * ministry), meetings (title, number), conditions — ranked, with the matches marked as ranges (the
 * page renders them as text and <mark>, never as HTML).
 *
 * A new kind of record (comments) needs: triggers that write its `SearchDocument` rows (with the
 * owning ministry in `organizationId`), and an entry in KINDS below (link and details).
 */
import type { CurrentUser } from "~/modules/auth/session.server";
import { db } from "~/utils/db.server";
import { searchBackend, type IndexedDocument } from "./search-index.server";
import { matchRanges, parseSearchQuery, snippet, type Range } from "./search-query";
import { can, isMinistryScoped, ministryScope } from "~/modules/auth/permissions";

export const SEARCH_KINDS = ["request", "meeting", "condition"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchMeta {
  request: { reference: string | null; state: string; ministry: { code: string; name: string; nameEn: string } };
  meeting: { number: number; date: string; status: string };
  condition: { dueOn: string; status: string; request: { id: string; reference: string | null; title: string | null } };
}

interface SearchItemOf<K extends SearchKind> {
  kind: K;
  id: string;
  title: string;
  url: string;
  /** A piece of the text that matched (or the start of it), plain text. */
  snippet: string;
  /** Where the query matched, as [start, end) offsets into `title` and `snippet`. */
  highlights: { title: Range[]; snippet: Range[] };
  /** What the result list shows beside the title. */
  meta: SearchMeta[K];
}
export type SearchItem = { [K in SearchKind]: SearchItemOf<K> }[SearchKind];

interface KindRule<K extends SearchKind> {
  url: (doc: IndexedDocument) => string;
  /** Details of the found records, by id, read within the caller's scope. */
  meta: (user: CurrentUser, ids: string[]) => Promise<Map<string, SearchMeta[K]>>;
}

const KINDS: { [K in SearchKind]: KindRule<K> } = {
  request: {
    url: (doc) => `/requests/${doc.recordId}`,
    async meta(user, ids) {
      const rows = await db.demandRequest.findMany({
        where: { id: { in: ids }, ...ministryScope(user) },
        select: { id: true, reference: true, state: true, organization: { select: { code: true, nameKo: true, nameEn: true } } },
      });
      const ministry = (o: (typeof rows)[number]["organization"]) => ({ code: o.code, name: o.nameKo, nameEn: o.nameEn });
      return new Map(rows.map((r) => [r.id, { reference: r.reference, state: r.state, ministry: ministry(r.organization) }]));
    },
  },
  meeting: {
    url: (doc) => `/meetings/${doc.recordId}`,
    async meta(user, ids) {
      if (!can(user, "meeting:read")) return new Map();
      const rows = await db.meeting.findMany({ where: { id: { in: ids } }, select: { id: true, number: true, date: true, status: true } });
      return new Map(rows.map((m) => [m.id, { number: m.number, date: m.date, status: m.status }]));
    },
  },
  condition: {
    url: (doc) => `/requests/${doc.requestId}#condition-${doc.recordId}`,
    async meta(user, ids) {
      const rows = await db.condition.findMany({
        where: { id: { in: ids }, request: ministryScope(user) },
        select: { id: true, dueOn: true, status: true, request: { select: { id: true, reference: true, title: true } } },
      });
      return new Map(rows.map((c) => [c.id, { dueOn: c.dueOn, status: c.status, request: c.request }]));
    },
  },
};

const isKind = (kind: string): kind is SearchKind => (SEARCH_KINDS as readonly string[]).includes(kind);

/**
 * The records matching `q` that `user` may see, best first. Officers: their ministry's requests and
 * conditions only (meetings are no ministry's data); everyone else: everything. A blank query finds
 * nothing (an empty list, not an error).
 */
export async function searchEverything({ user, q, limit = 20 }: { user: CurrentUser; q: string | null | undefined; limit?: number }) {
  const terms = parseSearchQuery(q);
  if (!terms) return { items: [] as SearchItem[], more: false };
  const take = Math.min(Math.max(Math.trunc(limit), 1), 50);
  const organizationId = isMinistryScoped(user) ? user.organization.id : null;
  const docs = (await searchBackend().find({ terms, organizationId, limit: take + 1 })).filter((d) => isKind(d.kind));
  const page = docs.slice(0, take);
  const metas = new Map<SearchKind, Map<string, SearchMeta[SearchKind]>>();
  for (const kind of SEARCH_KINDS) {
    const ids = page.filter((d) => d.kind === kind).map((d) => d.recordId);
    if (ids.length > 0) metas.set(kind, await KINDS[kind].meta(user, ids));
  }
  const all = [...terms.long, ...terms.short];
  const items: SearchItem[] = [];
  for (const doc of page) {
    const kind = doc.kind as SearchKind;
    // the index and the records agree unless a record changed in between: show only what the scope still allows
    const meta = metas.get(kind)?.get(doc.recordId);
    if (!meta) continue;
    const piece = snippet(doc.body, all);
    items.push({
      kind,
      id: doc.recordId,
      title: doc.title,
      url: KINDS[kind].url(doc),
      snippet: piece.text,
      highlights: { title: matchRanges(doc.title, all), snippet: piece.ranges },
      meta,
    } as SearchItem);
  }
  return { items, more: docs.length > take };
}
