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
function documents(query: Prisma.Sql): Promise<IndexedDocument[]> {
  return dbEngine === "sqlite" ? leanAll<IndexedDocument>(query.sql, query.values) : db.$queryRaw<IndexedDocument[]>(query);
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
 * How many of the newest documents matching a search's longer terms SQLite ranks (ADR 0036). Ranking
 * is what costs: bm25 over every match of a common word — a ministry's name, "데이터" — took 6–48 ms per
 * search at 100,000 requests, while the index hands out matches newest first at almost no cost.
 */
const RANK_WINDOW = 1_000;

/**
 * SQLite (ADR 0011, 0036): FTS5 with the trigram tokenizer for terms of 3+ characters, ranked by bm25
 * among the newest `window` matches in scope (all of them when there are fewer — then the order is
 * exactly bm25's). A search matching more is answered with the best of its newest matches: such a word
 * is too common for the rank alone to pick 20 of thousands, and the newest are the ones asked about.
 */
export function sqliteSearch({ window = RANK_WINDOW }: { window?: number } = {}): SearchBackend {
  return {
    async find({ terms, organizationId, limit }) {
      // bm25 weights per column (title, body, keywords): a hit in the title counts most
      const rank = Prisma.sql`bm25("SearchDocumentFts", 10.0, 1.0, 5.0)`;
      if (terms.long.length > 0 && terms.short.length === 0 && organizationId === null) {
        // everyone's scope, long terms only: ranked and cut to `limit` in the index alone, then only those
        // rows read. A common word matches thousands of documents, and reading each one's text to sort
        // them cost ~5× the ranking itself.
        return documents(Prisma.sql`
          SELECT ${columns}
          FROM (
            SELECT "id", "score" FROM (
              SELECT "SearchDocumentFts".rowid AS "id", ${rank} AS "score"
              FROM "SearchDocumentFts"
              WHERE "SearchDocumentFts" MATCH ${ftsMatchExpression(terms.long)}
              ORDER BY "SearchDocumentFts".rowid DESC
              LIMIT ${window}
            )
            ORDER BY "score", "id" DESC
            LIMIT ${limit}
          ) f JOIN "SearchDocument" d ON d."id" = f."id"
          ORDER BY f."score", d."id" DESC`);
      }
      if (terms.long.length > 0) {
        // a ministry's scope, or short terms too: those are conditions on each matching row, checked as the
        // index hands the matches out newest first, until `window` pass
        return documents(Prisma.sql`
          SELECT ${columns}
          FROM (
            SELECT d.*, ${rank} AS "score"
            FROM "SearchDocumentFts" JOIN "SearchDocument" d ON d."id" = "SearchDocumentFts".rowid
            WHERE "SearchDocumentFts" MATCH ${ftsMatchExpression(terms.long)}
              AND ${scopeClause(organizationId)}
              AND ${termsClause(terms.short)}
            ORDER BY "SearchDocumentFts".rowid DESC
            LIMIT ${window}
          ) d
          ORDER BY d."score", d."id" DESC
          LIMIT ${limit}`);
      }
      // only 1–2 character terms: no trigram can help
      return shortTermsOnly({ terms: terms.short, organizationId, limit });
    },
  };
}

/**
 * PostgreSQL (ADR 0011 "PostgreSQL", ADR 0024): every term as an escaped `ILIKE '%term%'` on the three
 * fields; the pg_trgm GIN indexes (migration search_index of prisma/postgresql/migrations) serve the
 * terms of 3+ characters, shorter ones filter the rows those select (or scan, when all are short).
 * Rank: trigram similarity, a title hit counting most, then newest; LIKE-only results as on SQLite.
 * As on SQLite (ADR 0036), only the newest `window` matches are ranked: a ministry's name matches
 * thousands of documents at 100,000 requests, and the similarities of all of them took seconds under
 * load while the matches themselves come from the index. `"id" + 0` keeps the planner from walking
 * the id index newest first (a rare term would read every row): it collects the matches, then the newest.
 */
export function postgresSearch({ window = RANK_WINDOW }: { window?: number } = {}): SearchBackend {
  return {
    async find({ terms, organizationId, limit }) {
      if (terms.long.length === 0) return shortTermsOnly({ terms: terms.short, organizationId, limit, like: Prisma.raw("ILIKE") });
      const all = [...terms.long, ...terms.short];
      const query = all.join(" ");
      return documents(Prisma.sql`
        SELECT ${columns}
        FROM (
          SELECT "id", "kind", "recordId", "requestId", "title", "body", "keywords"
          FROM "SearchDocument" d
          WHERE ${scopeClause(organizationId)} AND ${termsClause(all, Prisma.raw("ILIKE"))}
          ORDER BY d."id" + 0 DESC
          LIMIT ${window}
        ) d
        ORDER BY GREATEST(similarity(d."title", ${query}) * 2, word_similarity(${query}, d."body"), similarity(d."keywords", ${query})) DESC, d."id" DESC
        LIMIT ${limit}`);
    },
  };
}

/** The backend for the configured database. */
export function searchBackend(): SearchBackend {
  return dbEngine === "postgresql" ? postgresSearch() : sqliteSearch();
}
