/**
 * The message catalogues by language, on the server (and in tests and scripts): both, loaded up front.
 * The browser build resolves this module to ./catalogues.browser.ts instead (vite.config.ts), which
 * loads only the page's language as its own chunk before hydration (ADR 0025).
 */
import { ko } from "./messages";
import { en } from "./messages.en";
import type { Catalogue } from "./catalogue-type";
import type { Locale } from "./types";

export const catalogues: Partial<Record<Locale, Catalogue>> = { ko, en };

/** Nothing to load here: both languages are in memory. */
export async function loadCatalogue(_locale: Locale): Promise<void> {}

/** Nothing to add here: the server's catalogues have the field messages (the browser's get them with the forms' validation, ADR 0044). */
export function addFieldMessages(_messages: Record<Locale, Catalogue["validation"]>): void {}
