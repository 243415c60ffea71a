/**
 * The one place that knows how the search index is queried (docs/decisions/0011-search-index.md).
 *
 * The index is the `SearchDocument` table, one row per searchable record, kept in step with the
 * records by triggers (migration `search_index`); here it is only read. SQLite answers with FTS5
 * (trigram tokenizer) for terms of 3+ characters and an escaped LIKE for shorter ones. A PostgreSQL
 * backend implements the same `SearchBackend` with `pg_trgm` (GIN trigram indexes, `ILIKE`, and
 * `similarity()` for the rank) and is chosen in `searchBackend()`.
 */
import { Prisma } from "~/generated/prisma/client";
import { db, dbEngine } from "~/utils/db.server";
import { leanAll } from "~/utils/lean-read.server";
import { ftsMatchExpression, likeContains, type SearchTerms } from "./search-query";

export interface IndexedDocument {
  kind: string;
  recordId: string;
  requestId: string | null;
  title: string;
  body: string;
  keywords: string;
}

export interface SearchBackend {
  /**
   * Documents in which every term occurs, best first, at most `limit`. `organizationId` set: only
   * that ministry's documents (ministry officers); null: everything (secretariat, approvers, admin).
   */
  find(input: { terms: SearchTerms; organizationId: string | null; limit: number }): Promise<IndexedDocument[]>;
}

const columns = Prisma.sql`d."kind", d."recordId", d."requestId", d."title", d."body", d."keywords"`;

/**
 * The rows of a search statement. SQLite: through the lean read path's prepared statements (ADR 0025,
 * committed data, no Prisma query compile: a search is a handful of statements, each ~1 ms through
 * Prisma and microseconds prepared). The FTS statements are SQLite's own, never run on PostgreSQL.
 */
function documents<T = IndexedDocument>(query: Prisma.Sql): Promise<T[]> {
  return dbEngine === "sqlite" ? leanAll<T>(query.sql, query.values) : db.$queryRaw<T[]>(query);
}

/** Every term in one of the text fields (LIKE, or PostgreSQL's ILIKE, with `\` escapes). */
function termsClause(terms: string[], like: Prisma.Sql = Prisma.raw("LIKE")): Prisma.Sql {
  if (terms.length === 0) return Prisma.sql`1 = 1`;
  return Prisma.join(
    terms.map((term) => {
      const pattern = likeContains(term);
      return Prisma.sql`(d."title" ${like} ${pattern} ESCAPE '\\' OR d."body" ${like} ${pattern} ESCAPE '\\' OR d."keywords" ${like} ${pattern} ESCAPE '\\')`;
    }),
    " AND ",
  );
}

function scopeClause(organizationId: string | null): Prisma.Sql {
  return organizationId === null ? Prisma.sql`1 = 1` : Prisma.sql`d."organizationId" = ${organizationId}`;
}

/** How many of the newest documents in scope a search of only 1–2 character terms reads first. */
const RECENT_WINDOW = 2_000;

/**
 * A search of only 1–2 character terms ("AI", "의료": common in Korean, too short for trigrams), on either
 * engine: every term in some field, title hits (of the first term) first, then newest. No index can
 * find such substrings, so the whole scope would be scanned and sorted on every search — at 100,000
 * requests ~60 ms of SQLite time per search, during which nobody else is answered. But a short term
 * people search for is usually a common one. So the newest `window` documents (an index range) are
 * read first: when `limit` title hits are among them, they are the answer — every other title hit is
 * older than all of them. Otherwise the whole scope is scanned as before. Both give the same rows.
 */
export async function shortTermsOnly({
  terms,
  organizationId,
  limit,
  like = Prisma.raw("LIKE"),
  window = RECENT_WINDOW,
}: {
  terms: string[];
  organizationId: string | null;
  limit: number;
  like?: Prisma.Sql;
  window?: number;
}): Promise<IndexedDocument[]> {
  const titleHit = Prisma.sql`d."title" ${like} ${likeContains(terms[0])} ESCAPE '\\'`;
  const recent = await documents(Prisma.sql`
    SELECT ${columns}
    FROM (
      SELECT "id", "kind", "recordId", "requestId", "title", "body", "keywords", "updatedAt"
      FROM "SearchDocument" d
      WHERE ${scopeClause(organizationId)}
      ORDER BY "updatedAt" DESC, "id" DESC
      LIMIT ${window}
    ) d
    WHERE ${titleHit} AND ${termsClause(terms, like)}
    ORDER BY d."updatedAt" DESC, d."id" DESC
    LIMIT ${limit}`);
  if (recent.length >= limit) return recent;
  return documents(Prisma.sql`
    SELECT ${columns}
    FROM "SearchDocument" d
    WHERE ${scopeClause(organizationId)} AND ${termsClause(terms, like)}
    ORDER BY CASE WHEN ${titleHit} THEN 0 ELSE 1 END, d."updatedAt" DESC, d."id" DESC
    LIMIT ${limit}`);
}

/**
 * How many matches of a search's longer terms are ranked (ADR 0036, 0057). A search that matches more
 * is a common one ("데이터", a ministry's name): its results are its title hits, newest first, then its
 * newest other matches (`titleHitsThenNewest`). Ranking is what costs with a common word: SQLite's bm25
 * counts every match of each term before it scores one (1.2 ms for a ministry's name at 100,000
 * requests, 2.4 ms for "데이터"), and it cannot tell thousands of documents apart that each mention the
 * word once. Up to this many, the rank is exact and cheap.
 */
const RANK_WINDOW = 200;

/** A document of the index and its id there (newest is highest). */
type Found = IndexedDocument & { id: number };

const strip = ({ id: _id, ...doc }: Found): IndexedDocument => doc;

/**
 * The answer to a common search, on either engine: the documents in scope with every longer term in
 * their title (and the short terms anywhere), newest first, however old; then the newest of the other
 * matches. `titleHits(n)` gives the first n title hits; `newest` are the ids of the newest matches,
 * newest first (`limit` of them are enough). Like a search of short terms (`shortTermsOnly`), a title
 * hit comes before a mention in the text, and among equals the newest first.
 */
async function titleHitsThenNewest({
  titleHits,
  newest,
  limit,
}: {
  titleHits: (limit: number) => Promise<Found[]>;
  newest: number[];
  limit: number;
}): Promise<IndexedDocument[]> {
  const hits = await titleHits(limit);
  if (hits.length >= limit) return hits.map(strip);
  // fewer than `limit`: these are every title hit there is
  const seen = new Set(hits.map((d) => d.id));
  const rest = newest.filter((id) => !seen.has(id)).slice(0, limit - hits.length);
  if (rest.length === 0) return hits.map(strip);
  const others = await documents(Prisma.sql`
    SELECT ${columns} FROM "SearchDocument" d WHERE d."id" IN (${Prisma.join(rest)}) ORDER BY d."id" DESC`);
  return [...hits.map(strip), ...others];
}

/**
 * SQLite (ADR 0011, 0036, 0057, 0061): FTS5 with the trigram tokenizer for terms of 3+ characters. The
 * newest `window` + 1 matches in scope are found first (the index hands them out in rowid order, and
 * stops there). At most `window`: ranked by bm25, exactly, since its count of every match is that short
 * (one match: no rank needed). More: a common search, answered by `titleHitsThenNewest` from the index of titles
 * (`SearchTitleFts`), whose cost is the title hits', not the matches'.
 */
export function sqliteSearch({ window = RANK_WINDOW }: { window?: number } = {}): SearchBackend {
  return {
    async find({ terms, organizationId, limit }) {
      // only 1–2 character terms: no trigram can help
      if (terms.long.length === 0) return shortTermsOnly({ terms: terms.short, organizationId, limit });
      const match = ftsMatchExpression(terms.long);
      const everyone = terms.short.length === 0 && organizationId === null;
      // up to `window` + 1 matches' ids, in rowid order (newest is highest); in a ministry's scope, or with short
      // terms, those are conditions on each matching row, checked as the index hands the matches out
      const matches = async (order: "ASC" | "DESC") =>
        (
          await documents<{ id: number }>(
            everyone
              ? Prisma.sql`
              SELECT "SearchDocumentFts".rowid AS "id" FROM "SearchDocumentFts"
              WHERE "SearchDocumentFts" MATCH ${match}
              ORDER BY "SearchDocumentFts".rowid ${Prisma.raw(order)}
              LIMIT ${window + 1}`
              : Prisma.sql`
              SELECT d."id" FROM "SearchDocumentFts" JOIN "SearchDocument" d ON d."id" = "SearchDocumentFts".rowid
              WHERE "SearchDocumentFts" MATCH ${match} AND ${scopeClause(organizationId)} AND ${termsClause(terms.short)}
              ORDER BY "SearchDocumentFts".rowid ${Prisma.raw(order)}
              LIMIT ${window + 1}`,
          )
        ).map((d) => d.id);
      // The index walks a term's matches forwards at a fraction of the cost backwards (FTS5 reads each
      // trigram's whole list of documents to go backwards: a reference number, whose trigrams `AX-`, `202`…
      // are in every request, took 350 µs backwards and 120 forwards at 100,000 requests). So the matches are
      // read forwards first: `window` or fewer are all the matches there are, newest last. Only a search with
      // more reads its newest again, backwards; forwards it stopped after `window` + 1.
      let newest = (await matches("ASC")).reverse();
      if (newest.length > window) newest = await matches("DESC");
      if (newest.length > window) {
        return titleHitsThenNewest({
          newest,
          limit,
          titleHits: (n) =>
            documents<Found>(Prisma.sql`
              SELECT d."id", ${columns} FROM "SearchTitleFts" JOIN "SearchDocument" d ON d."id" = "SearchTitleFts".rowid
              WHERE "SearchTitleFts" MATCH ${match} AND ${scopeClause(organizationId)} AND ${termsClause(terms.short)}
              ORDER BY "SearchTitleFts".rowid DESC
              LIMIT ${n}`),
        });
      }
      if (newest.length === 0) return [];
      // one match: nothing to rank (bm25 would count the term's matches in the whole index once more)
      if (newest.length === 1) return documents(Prisma.sql`SELECT ${columns} FROM "SearchDocument" d WHERE d."id" = ${newest[0]}`);
      // at most `window` matches: each is among the newest `window`, so the statements below rank them all.
      // bm25 weights per column (title, body, keywords): a hit in the title counts most.
      const rank = Prisma.sql`bm25("SearchDocumentFts", 10.0, 1.0, 5.0)`;
      if (everyone) {
        // ranked and cut to `limit` in the index alone, then only those rows read
        return documents(Prisma.sql`
          SELECT ${columns}
          FROM (
            SELECT "SearchDocumentFts".rowid AS "id", ${rank} AS "score"
            FROM "SearchDocumentFts"
            WHERE "SearchDocumentFts" MATCH ${match}
            ORDER BY "score", "SearchDocumentFts".rowid DESC
            LIMIT ${limit}
          ) f JOIN "SearchDocument" d ON d."id" = f."id"
          ORDER BY f."score", d."id" DESC`);
      }
      // (not `rowid IN (…newest)`: FTS5 with a MATCH and a one-value IN returned every match here)
      return documents(Prisma.sql`
        SELECT ${columns}
        FROM (
          SELECT d.*, ${rank} AS "score"
          FROM "SearchDocumentFts" JOIN "SearchDocument" d ON d."id" = "SearchDocumentFts".rowid
          WHERE "SearchDocumentFts" MATCH ${match} AND ${scopeClause(organizationId)} AND ${termsClause(terms.short)}
          ORDER BY "SearchDocumentFts".rowid DESC
          LIMIT ${window}
        ) d
        ORDER BY d."score", d."id" DESC
        LIMIT ${limit}`);
    },
  };
}

/**
 * PostgreSQL (ADR 0011 "PostgreSQL", ADR 0024, 0057): every term as an escaped `ILIKE '%term%'` on the
 * three fields; the pg_trgm GIN indexes (migration search_index of prisma/postgresql/migrations) serve
 * the terms of 3+ characters, shorter ones filter the rows those select (or scan, when all are short).
 * As on SQLite, the newest `window` + 1 matches are found first. At most `window`: ranked by trigram
 * similarity, a title hit counting most, then newest. More: `titleHitsThenNewest`, the title hits from
 * the title's trigram index. `"id" + 0` keeps the planner from walking the id index newest first (a rare
 * term would read every row): it collects the matches, then the newest.
 */
export function postgresSearch({ window = RANK_WINDOW }: { window?: number } = {}): SearchBackend {
  const ilike = Prisma.raw("ILIKE");
  return {
    async find({ terms, organizationId, limit }) {
      if (terms.long.length === 0) return shortTermsOnly({ terms: terms.short, organizationId, limit, like: ilike });
      const all = [...terms.long, ...terms.short];
      const newest = (
        await documents<{ id: number }>(Prisma.sql`
          SELECT d."id" FROM "SearchDocument" d
          WHERE ${scopeClause(organizationId)} AND ${termsClause(all, ilike)}
          ORDER BY d."id" + 0 DESC
          LIMIT ${window + 1}`)
      ).map((d) => d.id);
      if (newest.length > window) {
        const inTitle = Prisma.join(
          terms.long.map((term) => Prisma.sql`d."title" ILIKE ${likeContains(term)} ESCAPE '\\'`),
          " AND ",
        );
        return titleHitsThenNewest({
          newest,
          limit,
          titleHits: (n) =>
            documents<Found>(Prisma.sql`
              SELECT d."id", ${columns} FROM "SearchDocument" d
              WHERE ${scopeClause(organizationId)} AND ${inTitle} AND ${termsClause(terms.short, ilike)}
              ORDER BY d."id" + 0 DESC
              LIMIT ${n}`),
        });
      }
      if (newest.length === 0) return [];
      const query = all.join(" ");
      return documents(Prisma.sql`
        SELECT ${columns}
        FROM "SearchDocument" d
        WHERE d."id" IN (${Prisma.join(newest)})
        ORDER BY GREATEST(similarity(d."title", ${query}) * 2, word_similarity(${query}, d."body"), similarity(d."keywords", ${query})) DESC, d."id" DESC
        LIMIT ${limit}`);
    },
  };
}

/** The backend for the configured database. */
export function searchBackend(): SearchBackend {
  return dbEngine === "postgresql" ? postgresSearch() : sqliteSearch();
}
