/**
 * The request list's table as HTML, rendered once per kept page of rows and view (ADR 0037, 0048).
 *
 * The first page of the list without filters (per scope, state tab, sort and size) is kept until the
 * next commit (`listRequests`, ADR 0029): the same rows array comes back, and so does its HTML. Other
 * pages and filtered lists are read afresh, and their table is rendered afresh. The browser never renders
 * the table: the page shows this HTML as an island (ADR 0052).
 */
import { renderToString } from "react-dom/server";
import { translator } from "~/i18n/use-t";
import type { Locale } from "~/i18n/types";
import { renderOnce } from "~/utils/render-once.server";
import { RequestTable, type RequestTableRow } from "./request-table";

/** `items` must be the array `listRequests` returned (its identity is what ties the HTML to it). */
export function requestTableHtml(items: readonly RequestTableRow[], view: { officer: boolean; locale: Locale }): string {
  const { officer, locale } = view;
  return renderOnce(items, `${locale}|${officer}`, () => renderToString(<RequestTable items={items} officer={officer} tr={translator(locale)} />));
}
