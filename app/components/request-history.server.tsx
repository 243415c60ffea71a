/**
 * A page of a request's history as HTML (ADR 0037, 0049), rendered once per kept page and language.
 *
 * The first page of each order is the same for every reader who may see the request and is kept until
 * the next commit (`requestHistoryPage`, ADR 0029): the same events array comes back, and so does its
 * HTML. Later pages are read afresh and rendered afresh. The page shows the HTML and never renders the
 * list itself: the loader sends the HTML instead of the events.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { translator } from "~/i18n/use-t";
import type { Locale } from "~/i18n/types";
import { renderOnce } from "~/utils/render-once.server";
import { HistoryEvents } from "./request-history";

/** `events` must be the array `requestHistoryPage` returned (its identity ties the HTML to it). */
export function historyListHtml(events: Parameters<typeof HistoryEvents>[0]["events"], locale: Locale): string {
  return renderOnce(events, locale, () => renderToStaticMarkup(<HistoryEvents events={events} tr={translator(locale)} />));
}
