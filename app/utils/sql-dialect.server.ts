/**
 * The few SQL expressions that differ between SQLite and PostgreSQL (ADR 0024): day arithmetic on
 * stored instants, and case-insensitive text matching. Everything else in the app's raw queries is
 * standard SQL (GROUP BY, window functions, CASE, INSERT … ON CONFLICT, LIKE … ESCAPE).
 */
import { Prisma } from "~/generated/prisma/client";
import { dbEngine } from "./db.server";

const postgres = () => dbEngine === "postgresql";

/** The Korean calendar day (`YYYY-MM-DD`) of an instant (stored as UTC on both engines; Korea has no DST). */
export function koreanDay(instant: Prisma.Sql): Prisma.Sql {
  return postgres() ? Prisma.sql`to_char(${instant} + INTERVAL '9 hours', 'YYYY-MM-DD')` : Prisma.sql`date(${instant}, '+9 hours')`;
}

/** `LIKE` that ignores ASCII case, as SQLite's LIKE does: PostgreSQL's is `ILIKE`. */
export function likeIgnoringCase(): Prisma.Sql {
  return postgres() ? Prisma.raw("ILIKE") : Prisma.raw("LIKE");
}

/**
 * Prisma's `contains` with SQLite's case rule on both engines (SQLite's LIKE ignores ASCII case,
 * PostgreSQL's is exact unless `mode: "insensitive"`, which the SQLite client's types do not know).
 */
export function containsText(text: string): Prisma.StringFilter {
  return (postgres() ? { contains: text, mode: "insensitive" } : { contains: text }) as Prisma.StringFilter;
}
