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

// A navigation or revalidation that a newer one replaced has its fetch aborted; React Router can let that
// rejection go unhandled (remix-run/react-router#14203). It is not an error of the page or the person:
// nothing failed, the newer navigation is under way. Any other rejection still reaches the console.
window.addEventListener("unhandledrejection", (event) => {
  const reason: unknown = event.reason;
  if (reason instanceof DOMException && reason.name === "AbortError") event.preventDefault();
});

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
