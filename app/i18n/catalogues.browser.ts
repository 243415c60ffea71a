/**
 * The browser's message catalogues (vite.config.ts resolves ./catalogues to this module in the client
 * build): only the page's language, each a chunk of its own, loaded by app/entry.client.tsx before
 * hydration — a Korean page never downloads the English messages and vice versa (ADR 0025).
 */
import type { Catalogue } from "./catalogue-type";
import type { Locale } from "./types";

export const catalogues: Partial<Record<Locale, Catalogue>> = {};

export async function loadCatalogue(locale: Locale): Promise<void> {
  if (catalogues[locale]) return;
  catalogues[locale] = locale === "en" ? (await import("./messages.en")).en : (await import("./messages")).ko;
}
