/**
 * The one clock of the app. Services, rules and the seed ask it for "now" instead of calling
 * `new Date()`, so tests and the demo seed can run the process at any date (the seed walks its
 * meetings from the past to today) and nothing depends on the day the suite runs.
 * Korea keeps no daylight saving time: Korean time is UTC+9 all year.
 */
type Source = () => number;

const realSource: Source = () => Date.now();
let source: Source = realSource;

/** The current instant. */
export function now(): Date {
  return new Date(source());
}

/** Replaces the clock (tests, the seed); returns a function that restores the previous one. */
export function setClock(next: Date | Source): () => void {
  const previous = source;
  source = typeof next === "function" ? next : () => next.getTime();
  return () => {
    source = previous;
  };
}

/** Runs `work` with the clock stopped at `at`, then restores it. */
export async function atTime<T>(at: Date | string, work: () => Promise<T>): Promise<T> {
  const restore = setClock(new Date(at));
  try {
    return await work();
  } finally {
    restore();
  }
}

const KOREA_OFFSET_MS = 9 * 3600_000;

/** Today in Korea, `YYYY-MM-DD`. */
export function todayInKorea(at: Date = now()): string {
  return new Date(at.getTime() + KOREA_OFFSET_MS).toISOString().slice(0, 10);
}

/** This month in Korea, `YYYY-MM`. */
export function currentMonthInKorea(at: Date = now()): string {
  return todayInKorea(at).slice(0, 7);
}

/** A Korean calendar day `days` from today (negative: before), `YYYY-MM-DD`. */
export function koreanDayFromToday(days: number, at: Date = now()): string {
  return todayInKorea(new Date(at.getTime() + days * 86_400_000));
}

/** The Korean month `months` from this one, `YYYY-MM`. */
export function koreanMonthFromNow(months: number, at: Date = now()): string {
  const [y, m] = currentMonthInKorea(at).split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}
