/** Rules a request must meet when it is (re)submitted, beyond the intake schema. Pure. */

import { currentMonthInKorea, now as clockNow } from "~/utils/clock";

/** The current month in Korea, YYYY-MM (the process runs on Korean calendar months). */
export { currentMonthInKorea };

/** API.md: `desiredStartMonth` may not be in the past at submit (this month is fine). */
export function startMonthInPast(desiredStartMonth: string | null | undefined, now = clockNow()): boolean {
  return typeof desiredStartMonth === "string" && desiredStartMonth < currentMonthInKorea(now);
}

/** A month no earlier than this one: keeps demo data valid whenever it is seeded. */
export function notBeforeThisMonth(month: string, now = clockNow()): string {
  const current = currentMonthInKorea(now);
  return month < current ? current : month;
}
