import { z } from "zod";
import { Prisma } from "~/generated/prisma/client";
import { isMinistryScoped, ministryScope } from "~/modules/auth/permissions";
import { stateCounts } from "./state-counts.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { db } from "~/utils/db.server";
import { memoUntilWrite } from "~/utils/lean-read.server";
import { AppError } from "~/utils/errors";
import { containsText, likeIgnoringCase } from "~/utils/sql-dialect.server";
import type { ListQuery, ListSort } from "./request.schema";

type Where = Prisma.DemandRequestWhereInput;
type Row = { id: string; createdAt: Date; gpusRequested: number | null; title: string | null };

/**
 * Keyset pagination per sort: the order (always ending in `id`, so it is total), the cursor value a
 * row leaves behind, and the condition "after that row". Nullable keys (GPUs, title of a draft) sort last.
 */
const SORTS: Record<
  ListSort,
  {
    orderBy: Prisma.DemandRequestOrderByWithRelationInput[];
    key: (row: Row) => string | number | null;
    after: (value: string | number | null, id: string) => Where;
  }
> = {
  newest: {
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    key: (r) => r.createdAt.toISOString(),
    after: (v, id) => ({ OR: [{ createdAt: { lt: new Date(String(v)) } }, { createdAt: new Date(String(v)), id: { lt: id } }] }),
  },
  oldest: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    key: (r) => r.createdAt.toISOString(),
    after: (v, id) => ({ OR: [{ createdAt: { gt: new Date(String(v)) } }, { createdAt: new Date(String(v)), id: { gt: id } }] }),
  },
  gpus: {
    orderBy: [{ gpusRequested: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    key: (r) => r.gpusRequested,
    after: (v, id) =>
      v === null
        ? { gpusRequested: null, id: { lt: id } }
        : { OR: [{ gpusRequested: { lt: Number(v) } }, { gpusRequested: Number(v), id: { lt: id } }, { gpusRequested: null }] },
  },
  title: {
    orderBy: [{ title: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    key: (r) => r.title,
    after: (v, id) =>
      v === null ? { title: null, id: { gt: id } } : { OR: [{ title: { gt: String(v) } }, { title: String(v), id: { gt: id } }, { title: null }] },
  },
};

function encodeCursor(sort: ListSort, row: Row): string {
  return Buffer.from(JSON.stringify([sort, SORTS[sort].key(row), row.id])).toString("base64url");
}

/** What each sort's cursor may hold: a crafted one (a date that is not a date, NaN, an object) is refused, never queried. */
const id = z.string().min(1).max(100);
const CURSORS: Record<ListSort, z.ZodType<[ListSort, string | number | null, string]>> = {
  newest: z.tuple([z.literal("newest"), z.iso.datetime(), id]),
  oldest: z.tuple([z.literal("oldest"), z.iso.datetime(), id]),
  gpus: z.tuple([z.literal("gpus"), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(), id]),
  title: z.tuple([z.literal("title"), z.string().max(1000).nullable(), id]),
};

function decodeCursor(sort: ListSort, cursor: string): Where {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  const parsed = CURSORS[sort].safeParse(decoded);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", 422, "error.validation", undefined, { fields: { cursor: "invalid cursor" } });
  const [, value, rowId] = parsed.data;
  return SORTS[sort].after(value, rowId);
}

/** LIKE's wildcards and its escape character, matched as themselves. */
const LIKE_SPECIAL = /[\\%_]/g;

/**
 * Requests whose title or reference contains `q` as typed. Prisma's `contains` would let `%` and `_`
 * act as wildcards, so a query holding them is answered with standard SQL (`LIKE … ESCAPE`, fine on
 * SQLite and PostgreSQL) and at most MAX_LITERAL_MATCHES ids; plain text keeps `contains`.
 */
const MAX_LITERAL_MATCHES = 10_000;
async function search(q: string, scope: { organizationId?: string }): Promise<Where> {
  if (!/[%_\\]/.test(q)) return { OR: [{ title: containsText(q) }, { reference: containsText(q) }] };
  const pattern = `%${q.replace(LIKE_SPECIAL, (c) => `\\${c}`)}%`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "DemandRequest"
    WHERE ("title" ${likeIgnoringCase()} ${pattern} ESCAPE '\\' OR "reference" ${likeIgnoringCase()} ${pattern} ESCAPE '\\')
    ${scope.organizationId ? Prisma.sql`AND "organizationId" = ${scope.organizationId}` : Prisma.empty}
    LIMIT ${MAX_LITERAL_MATCHES}`;
  return { id: { in: rows.map((r) => r.id) } };
}

/** The list's filters as a where clause, always inside the caller's ministry scope. */
async function filters(user: CurrentUser, query: ListQuery): Promise<Where> {
  const officer = isMinistryScoped(user);
  return {
    ...ministryScope(user),
    ...(query.sector ? { sector: query.sector } : {}),
    ...(query.domain ? { domain: query.domain } : {}),
    ...(query.ministry && !officer ? { organization: { code: query.ministry } } : {}),
    ...(query.q ? await search(query.q, ministryScope(user)) : {}),
  };
}

/** No filter beyond the user's own scope (the state filter does not narrow the counts). */
const unfiltered = (query: ListQuery) => !query.sector && !query.domain && !query.ministry && !query.q;

/**
 * One page of the requests this user may see: filtered, sorted, keyset-paginated (`nextCursor`), and
 * the number of requests per state under the same filters (one grouped query; the state filter is left
 * out of the counts so they can label the state choices).
 */
export async function listRequests({ user, query }: { user: CurrentUser; query: ListQuery }) {
  const sort: ListSort = query.sort ?? "newest";
  const limit = Math.min(Math.max(Number(query.limit ?? 20), 1), 100);
  if (unfiltered(query) && !query.cursor) {
    // The first page of the list without filters (a state tab at most): what everyone opens first.
    // Kept until the next commit per scope, state, sort and size (ADR 0029); callers treat it as
    // read-only. Later pages and filtered lists are read each time, so paging cannot crowd it out.
    const key = `requests|${ministryScope(user).organizationId ?? "*"}|${query.state ?? ""}|${sort}|${limit}`;
    return memoUntilWrite(key, "", () => readList(user, query, sort, limit));
  }
  return readList(user, query, sort, limit);
}

async function readList(user: CurrentUser, query: ListQuery, sort: ListSort, limit: number) {
  const base = await filters(user, query);
  const where: Where = {
    AND: [base, ...(query.state ? [{ state: query.state }] : []), ...(query.cursor ? [decodeCursor(sort, query.cursor)] : [])],
  };
  const [rows, grouped] = await Promise.all([
    db.demandRequest.findMany({
      where,
      orderBy: SORTS[sort].orderBy,
      take: limit + 1,
      select: {
        id: true,
        reference: true,
        title: true,
        state: true,
        stateDetail: true,
        version: true,
        sector: true,
        domain: true,
        gpusRequested: true,
        approvedGpus: true,
        createdAt: true,
        updatedAt: true,
        submittedAt: true,
        organization: { select: { code: true, nameKo: true, nameEn: true } },
      },
    }),
    // without filters beyond the user's scope the counts are the maintained ones (a few rows);
    // filtered lists count in SQL under the same filters
    unfiltered(query) ? stateCounts(ministryScope(user)) : db.demandRequest.groupBy({ by: ["state"], where: base, _count: { _all: true } }),
  ]);
  const page = rows.slice(0, limit);
  const items = page.map(({ organization, ...r }) => ({ ...r, ministry: { code: organization.code, name: organization.nameKo, nameEn: organization.nameEn } }));
  const counts = Array.isArray(grouped) ? (Object.fromEntries(grouped.map((g) => [g.state, g._count._all])) as Record<string, number>) : grouped;
  return {
    items,
    nextCursor: rows.length > limit ? encodeCursor(sort, page[page.length - 1]) : null,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
  };
}

/**
 * The list's whole selection for readers that go through all of it (exports): the same scope,
 * filters, state and sort as the page, without cursor or limit.
 */
export async function listSelection(user: CurrentUser, query: ListQuery) {
  const sort: ListSort = query.sort ?? "newest";
  return {
    where: { AND: [await filters(user, query), ...(query.state ? [{ state: query.state }] : [])] } satisfies Where,
    orderBy: SORTS[sort].orderBy,
  };
}

/** The ministries a non-officer can filter by (officers see only their own); kept until the next commit (read-only for callers). */
export async function listMinistries(user: CurrentUser) {
  if (isMinistryScoped(user)) return [];
  return memoUntilWrite("ministries", "", () =>
    db.organization.findMany({ where: { kind: "MINISTRY" }, orderBy: { code: "asc" }, select: { code: true, nameKo: true, nameEn: true } }),
  );
}
