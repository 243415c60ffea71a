/**
 * The message catalogue is one tree per language. Korean is the source of truth; every other
 * language must have exactly the same keys (`Translation<typeof ko>`), so a missing or extra key
 * fails the typecheck.
 */
export type Translation<T> = {
  [K in keyof T]: T[K] extends string ? string : Translation<T[K]>;
};

export type Locale = "ko" | "en";
export const LOCALES: readonly Locale[] = ["ko", "en"];
