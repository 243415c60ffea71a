/**
 * The browser's message catalogues (vite.config.ts resolves ./catalogues to this module in the client
 * build): only the page's language, each a chunk of its own, loaded by app/entry.client.tsx before
 * hydration — a Korean page never downloads the English messages and vice versa (ADR 0025). Only what
 * the pages show (`koPages`, ADR 0044): the field messages come with the forms' validation, when a form
 * is first used (ADR 0043); what only the server says never comes.
 */
import type { Catalogue } from "./catalogue-type";
import type { koPages } from "./messages";
import type { Locale, Translation } from "./types";

type PageCatalogue = Translation<typeof koPages> & { validation?: Catalogue["validation"] };

export const catalogues: Partial<Record<Locale, PageCatalogue>> = {};

export async function loadCatalogue(locale: Locale): Promise<void> {
  if (catalogues[locale]) return;
  catalogues[locale] = locale === "en" ? (await import("./messages.en")).enPages : (await import("./messages")).koPages;
}

/** The field messages, once the forms' validation has loaded: a new catalogue object, so translate's index of it is made again. */
export function addFieldMessages(messages: Record<Locale, Catalogue["validation"]>): void {
  for (const locale of Object.keys(catalogues) as Locale[]) {
    const catalogue = catalogues[locale];
    if (catalogue && !catalogue.validation) catalogues[locale] = { ...catalogue, validation: messages[locale] };
  }
}
