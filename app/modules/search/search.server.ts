/**
 * Search across everything the caller may see: requests (title, reference, problem statement,
 * ministry), meetings (title, number), conditions — ranked, with the matches marked as ranges (the
 * page renders them as text and <mark>, never as HTML).
 *
 * A new kind of record (comments) needs: triggers that write its `SearchDocument` rows (with the
 * owning ministry in `organizationId`), and an entry in KINDS below (link and details).
 */
import type { CurrentUser } from "~/modules/auth/session.server";
import { leanAll } from "~/utils/lean-read.server";
import { searchBackend, type IndexedDocument } from "./search-index.server";
import { matchRanges, parseSearchQuery, snippet, type Range } from "./search-query";
import { can, isMinistryScoped } from "~/modules/auth/permissions";

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

/** `?, ?, …` for a list of values. */
const marks = (values: readonly unknown[]) => values.map(() => "?").join(", ");

/** ` AND <column> = ?` and its value for a ministry officer; nothing for everyone else. */
function scoped(user: CurrentUser, column: string): [string, string[]] {
  return isMinistryScoped(user) ? [` AND ${column} = ?`, [user.organization.id]] : ["", []];
}

// The details are read through the lean read path (ADR 0025): plain prepared SQL, both engines.
const KINDS: { [K in SearchKind]: KindRule<K> } = {
  request: {
    url: (doc) => `/requests/${doc.recordId}`,
    async meta(user, ids) {
      const [scope, scopeValues] = scoped(user, `r."organizationId"`);
      const rows = await leanAll<{ id: string; reference: string | null; state: string; code: string; nameKo: string; nameEn: string }>(
        `SELECT r."id", r."reference", r."state", o."code", o."nameKo", o."nameEn"
         FROM "DemandRequest" r JOIN "Organization" o ON o."id" = r."organizationId"
         WHERE r."id" IN (${marks(ids)})${scope}`,
        [...ids, ...scopeValues],
      );
      return new Map(rows.map((r) => [r.id, { reference: r.reference, state: r.state, ministry: { code: r.code, name: r.nameKo, nameEn: r.nameEn } }]));
    },
  },
  meeting: {
    url: (doc) => `/meetings/${doc.recordId}`,
    async meta(user, ids) {
      if (!can(user, "meeting:read")) return new Map();
      const rows = await leanAll<{ id: string; number: number; date: string; status: string }>(
        `SELECT "id", "number", "date", "status" FROM "Meeting" WHERE "id" IN (${marks(ids)})`,
        ids,
      );
      return new Map(rows.map((m) => [m.id, { number: m.number, date: m.date, status: m.status }]));
    },
  },
  condition: {
    url: (doc) => `/requests/${doc.requestId}#condition-${doc.recordId}`,
    async meta(user, ids) {
      const [scope, scopeValues] = scoped(user, `r."organizationId"`);
      const rows = await leanAll<{ id: string; dueOn: string; status: string; requestId: string; reference: string | null; title: string | null }>(
        `SELECT c."id", c."dueOn", c."status", r."id" AS "requestId", r."reference", r."title"
         FROM "Condition" c JOIN "DemandRequest" r ON r."id" = c."requestId"
         WHERE c."id" IN (${marks(ids)})${scope}`,
        [...ids, ...scopeValues],
      );
      return new Map(rows.map((c) => [c.id, { dueOn: c.dueOn, status: c.status, request: { id: c.requestId, reference: c.reference, title: c.title } }]));
    },
  },
};

const isKind = (kind: string): kind is SearchKind => (SEARCH_KINDS as readonly string[]).includes(kind);

/**
 * The records matching `q` that `user` may see, best first: ranked when a search matches at most 200
 * documents; a commoner one lists the records with its words in their title first, then the
 * newest (search-index.server.ts, ADR 0057). Officers: their ministry's requests and
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
