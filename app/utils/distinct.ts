/** The distinct non-empty ids among `values` (actor and request ids of audit rows, some null), for one `IN (…)` query. */
export function distinctIds(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((x): x is string => !!x))];
}

/** `find(ids)`, or no rows without asking when there are no ids (Prisma still runs a query for an empty `IN` list). */
export async function whenAny<T>(ids: readonly string[], find: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  return ids.length === 0 ? [] : find([...ids]);
}

/**
 * Rows grouped by `key(row)`, each group in the rows' order. With `whenAny`, in place of a Prisma
 * `include` of a to-many relation: Prisma runs an include's query even when the parent query found
 * nothing (`… IN (NULL)`), so a page of empty panels paid a query per relation.
 */
export function groupedBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
