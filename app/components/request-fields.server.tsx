/**
 * The request page's intake fields as HTML, rendered once per kept view and language (ADR 0037, 0059):
 * `getRequestView` returns the same view until the next commit, and its HTML is kept beside it. The page
 * shows the HTML and never renders the list itself (an island, ADR 0052).
 */
import { renderToStaticMarkup } from "react-dom/server";
import { translator } from "~/i18n/use-t";
import type { Locale } from "~/i18n/types";
import { renderOnce } from "~/utils/render-once.server";
import { RequestFields, type RequestFieldsItem } from "./request-fields";

/** `item` must be the view `getRequestView` returned (its identity ties the HTML to it). */
export function requestFieldsHtml(item: RequestFieldsItem, locale: Locale): string {
  return renderOnce(item, locale, () => renderToStaticMarkup(<RequestFields item={item} tr={translator(locale)} />));
}
