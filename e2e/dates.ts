/**
 * Dates for specs, always relative to today in Korea, so the suite does not depend on the day it
 * runs (a fixed "2027-05" start month stops being valid in June 2027).
 */
import { koreanDayFromToday, koreanMonthFromNow } from "../app/utils/clock";

/** `YYYY-MM`, `n` months after this one. */
export const monthFromNow = (n: number) => koreanMonthFromNow(n);
/** `YYYY-MM-DD`, `n` days after today. */
export const dayFromNow = (n: number) => koreanDayFromToday(n);
