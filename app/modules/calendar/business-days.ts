/**
 * Korean business days (영업일): Monday to Friday, except public holidays of the government offices
 * (관공서의 공휴일에 관한 규정). Pure: dates are Korean calendar days as "YYYY-MM-DD" strings, so no
 * time zone can shift a day.
 *
 * Holidays are data, checked against the lunar calendar (Intl "dangi") and the substitute-holiday
 * rules in force since 2023: national days (3·1, 8·15, 10·3, 10·9), Children's Day, Buddha's Birthday
 * and Christmas move to the next non-holiday when they fall on a Saturday or Sunday; the three days of
 * Seollal and Chuseok only when one of them falls on a Sunday (or on another holiday). New Year's Day
 * and Memorial Day (6·6) have no substitute. Election days are holidays. Add a year's row before it
 * starts; outside the listed years only weekends count (see `KNOWN_HOLIDAY_YEARS`).
 */

export type IsoDate = string;

/** Public holidays of 2026 and 2027 with their Korean names. */
export const KOREAN_PUBLIC_HOLIDAYS: Record<IsoDate, string> = {
  // 2026
  "2026-01-01": "신정",
  "2026-02-16": "설날 연휴",
  "2026-02-17": "설날",
  "2026-02-18": "설날 연휴",
  "2026-03-01": "삼일절",
  "2026-03-02": "대체공휴일(삼일절)", // 3·1 is a Sunday
  "2026-05-05": "어린이날",
  "2026-05-24": "부처님오신날",
  "2026-05-25": "대체공휴일(부처님오신날)", // 5·24 is a Sunday
  "2026-06-03": "제9회 전국동시지방선거",
  "2026-06-06": "현충일", // a Saturday; no substitute for Memorial Day
  "2026-08-15": "광복절",
  "2026-08-17": "대체공휴일(광복절)", // 8·15 is a Saturday
  "2026-09-24": "추석 연휴",
  "2026-09-25": "추석",
  "2026-09-26": "추석 연휴", // a Saturday: no substitute for Chuseok (only a Sunday counts)
  "2026-10-03": "개천절",
  "2026-10-05": "대체공휴일(개천절)", // 10·3 is a Saturday
  "2026-10-09": "한글날",
  "2026-12-25": "성탄절",
  // 2027
  "2027-01-01": "신정",
  "2027-02-06": "설날 연휴",
  "2027-02-07": "설날",
  "2027-02-08": "설날 연휴",
  "2027-02-09": "대체공휴일(설날)", // 2·7 is a Sunday
  "2027-03-01": "삼일절",
  "2027-05-05": "어린이날",
  "2027-05-13": "부처님오신날",
  "2027-06-06": "현충일", // a Sunday; no substitute for Memorial Day
  "2027-08-15": "광복절",
  "2027-08-16": "대체공휴일(광복절)", // 8·15 is a Sunday
  "2027-09-14": "추석 연휴",
  "2027-09-15": "추석",
  "2027-09-16": "추석 연휴",
  "2027-10-03": "개천절",
  "2027-10-04": "대체공휴일(개천절)", // 10·3 is a Sunday
  "2027-10-09": "한글날",
  "2027-10-11": "대체공휴일(한글날)", // 10·9 is a Saturday
  "2027-12-25": "성탄절",
  "2027-12-27": "대체공휴일(성탄절)", // 12·25 is a Saturday
};

export const KNOWN_HOLIDAY_YEARS = [2026, 2027] as const;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function toUtc(date: IsoDate): number {
  const m = ISO.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(t).toISOString().slice(0, 10) !== date) throw new RangeError(`no such day: ${date}`);
  return t;
}

const fromUtc = (t: number): IsoDate => new Date(t).toISOString().slice(0, 10);

/** The calendar day in Korea (UTC+9, no daylight saving) of an instant. */
export function koreanDate(instant: Date): IsoDate {
  return fromUtc(instant.getTime() + 9 * 3_600_000);
}

/** Calendar days after `date` (negative for before). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

export function isWeekend(date: IsoDate): boolean {
  const day = new Date(toUtc(date)).getUTCDay();
  return day === 0 || day === 6;
}

export function holidayName(date: IsoDate): string | undefined {
  return KOREAN_PUBLIC_HOLIDAYS[date];
}

export function isBusinessDay(date: IsoDate): boolean {
  return !isWeekend(date) && holidayName(date) === undefined;
}

/**
 * Business days elapsed from `from` to `to`: the business days d with from < d ≤ to (so a request
 * submitted on Friday has waited 1 business day on Monday). 0 when `to` is not after `from`.
 */
export function businessDaysBetween(from: IsoDate, to: IsoDate): number {
  const end = toUtc(to);
  let count = 0;
  for (let t = toUtc(from) + DAY_MS; t <= end; t += DAY_MS) {
    if (isBusinessDay(fromUtc(t))) count++;
  }
  return count;
}

/** The day `n` business days after `date` (n ≥ 0; with n = 0 the day itself). */
export function addBusinessDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0: ${n}`);
  let t = toUtc(date);
  for (let left = n; left > 0;) {
    t += DAY_MS;
    if (isBusinessDay(fromUtc(t))) left--;
  }
  return fromUtc(t);
}
