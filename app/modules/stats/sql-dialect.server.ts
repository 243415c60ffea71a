/**
 * The few SQL expressions of the statistics that differ between SQLite (today) and PostgreSQL
 * (coming): day arithmetic on stored instants. Everything else in the queries is standard SQL
 * (GROUP BY, window functions, CASE).
 */
import { Prisma } from "~/generated/prisma/client";

/** Days (fractional) from instant `a` to instant `b`. PostgreSQL: `EXTRACT(EPOCH FROM (b - a)) / 86400`. */
export function daysBetween(a: Prisma.Sql, b: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(julianday(${b}) - julianday(${a}))`;
}

/** The Korean calendar day (`YYYY-MM-DD`) of an instant. PostgreSQL: `to_char(x AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD')`. */
export function koreanDay(instant: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`date(${instant}, '+9 hours')`;
}
