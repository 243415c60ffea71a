/** The distinct non-empty ids among `values` (actor and request ids of audit rows, some null), for one `IN (…)` query. */
export function distinctIds(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((x): x is string => !!x))];
}

/** `find(ids)`, or no rows without asking when there are no ids (Prisma still runs a query for an empty `IN` list). */
export async function whenAny<T>(ids: readonly string[], find: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  return ids.length === 0 ? [] : find([...ids]);
}
