import type { Locale } from "./types";

/**
 * Dates, times and numbers in the page's language, the same on the server and in the browser.
 *
 * Dates and times are composed here instead of by `Intl.DateTimeFormat`: Node's ICU and Chromium's
 * disagree on Korean day periods ("AM 1:13" against "오전 1:13"), and any difference between the
 * server's HTML and the browser's first render is a hydration error that makes React throw the page
 * away and render it again (losing what a person or a test had already typed or chosen). Korea keeps
 * no daylight saving time, so Korean time is UTC+9 all year.
 */
const KOREA_OFFSET_MS = 9 * 60 * 60 * 1000;
const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

interface KoreanTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number; // 0–23
  minute: number;
}

export function koreanTime(value: Date | string | number): KoreanTime {
  const t = new Date(new Date(value).getTime() + KOREA_OFFSET_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: t.getUTCMinutes() };
}

function datePart(locale: Locale, { year, month, day }: KoreanTime): string {
  return locale === "ko" ? `${year}. ${month}. ${day}.` : `${EN_MONTHS[month - 1]} ${day}, ${year}`;
}

function timePart(locale: Locale, { hour, minute }: KoreanTime): string {
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const mm = String(minute).padStart(2, "0");
  if (locale === "ko") return `${hour < 12 ? "오전" : "오후"} ${h12}:${mm}`;
  return `${h12}:${mm} ${hour < 12 ? "AM" : "PM"}`;
}

/** `2026. 12. 3.` / `Dec 3, 2026` (Korean date of the instant). */
export function formatDate(locale: Locale, value: Date | string): string {
  return datePart(locale, koreanTime(value));
}

/** `2026. 12. 3. 오후 3:05` / `Dec 3, 2026, 3:05 PM` (Korean time). */
export function formatDateTime(locale: Locale, value: Date | string): string {
  const t = koreanTime(value);
  return locale === "ko" ? `${datePart(locale, t)} ${timePart(locale, t)}` : `${datePart(locale, t)}, ${timePart(locale, t)}`;
}

/** A `YYYY-MM` month: `2027년 3월` / `Mar 2027`. */
export function formatMonth(locale: Locale, month: string): string {
  const [y, m] = month.split("-").map(Number);
  if (!y || !m || m < 1 || m > 12) return month;
  return locale === "ko" ? `${y}년 ${m}월` : `${EN_MONTHS[m - 1]} ${y}`;
}

// Building an Intl formatter costs far more than using one: keep one per language.
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/**
 * A number as Korean and English write it (`52,000`, `-1,234`). Whole numbers, most of what the pages
 * print (counts, GPUs), are grouped here: the same text in both languages and every runtime, without
 * ICU's formatter (~2–5 µs a number, a few percent of a page). Others (fractions, -0, huge) go to Intl.
 */
export function formatNumber(locale: Locale, n: number): string {
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) {
    if (n > -1000 && n < 1000) return String(n);
    const digits = String(Math.abs(n));
    let grouped = digits.slice(0, digits.length % 3 || 3);
    for (let at = grouped.length; at < digits.length; at += 3) grouped += "," + digits.slice(at, at + 3);
    return n < 0 ? "-" + grouped : grouped;
  }
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-US")));
  return format.format(n);
}
