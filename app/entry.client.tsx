/**
 * React Router's default browser entry, after loading the page's language: the message catalogue is
 * one chunk per language (app/i18n/catalogues.browser.ts, ADR 0025), fetched before hydration so the
 * first render in the browser has the same words as the server's HTML.
 */
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { loadCatalogue } from "./i18n/catalogues";
import type { Locale } from "./i18n/types";

const locale: Locale = document.documentElement.lang === "en" ? "en" : "ko";

void loadCatalogue(locale).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <HydratedRouter />
      </StrictMode>,
    );
  });
});
