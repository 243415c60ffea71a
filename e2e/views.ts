/**
 * The views that the page-looking specs (sweep, form-screens, form-messages, deliberation-pages) check: every language at
 * every width, or with `E2E_VIEWS=one` (the PostgreSQL run in CI, ADR 0045) Korean at 1366 px only,
 * without axe. What differs between those views is what the browser lays out and which catalogue the
 * server answers from; the database engine changes neither, and the SQLite run checks them all. Every
 * page, form and refusal is still loaded and sent once on the second engine, so its reads and writes
 * are exercised there.
 */
const views = (process.env.E2E_VIEWS ?? "all").toLowerCase();
if (views !== "all" && views !== "one") throw new Error(`E2E_VIEWS must be all or one, not ${process.env.E2E_VIEWS}`);

/** True when every language and width is checked (the default). */
export const ALL_VIEWS = views === "all";
export const LOCALES: readonly ("ko" | "en")[] = ALL_VIEWS ? ["ko", "en"] : ["ko"];
export const WIDTHS: readonly (390 | 1366)[] = ALL_VIEWS ? [390, 1366] : [1366];

/** The window of a view: a phone (390×844) or a laptop (1366×900). */
export const viewport = (width: 390 | 1366) => ({ width, height: width === 390 ? 844 : 900 });
