/** The distinct non-empty ids among `values` (actor and request ids of audit rows, some null), for one `IN (…)` query. */
export function distinctIds(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((x): x is string => !!x))];
}
