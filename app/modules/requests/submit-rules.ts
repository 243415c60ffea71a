/** Rules a request must meet when it is (re)submitted, beyond the intake schema. Pure. */

/** The current month in Korea, YYYY-MM (the process runs on Korean calendar months). */
export function currentMonthInKorea(now = new Date()): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 7);
}

/** API.md: `desiredStartMonth` may not be in the past at submit (this month is fine). */
export function startMonthInPast(desiredStartMonth: string | null | undefined, now = new Date()): boolean {
  return typeof desiredStartMonth === "string" && desiredStartMonth < currentMonthInKorea(now);
}

/** A month no earlier than this one: keeps demo data valid whenever it is seeded. */
export function notBeforeThisMonth(month: string, now = new Date()): string {
  const current = currentMonthInKorea(now);
  return month < current ? current : month;
}
