/**
 * The screening queue's rows as HTML, rendered once per kept queue page and language (ADR 0037, 0049).
 *
 * The queue's first pages are kept until the next commit or the next day (`listScreeningQueue`, ADR
 * 0033): the same items array comes back, and so does its rows' HTML. Later pages are read afresh and
 * rendered afresh. `renderToString` is React's own markup, which the browser hydrates as if the page
 * had rendered it in place.
 */
import { renderToString } from "react-dom/server";
import { translator } from "~/i18n/use-t";
import type { Locale } from "~/i18n/types";
import { renderOnce } from "~/utils/render-once.server";
import type { listScreeningQueue } from "~/modules/screening/screening.server";
import { screeningChecklistHtml } from "./screening-checklist.server";
import { ScreeningRows, type ScreeningRow } from "./screening-rows";

type QueueItem = Awaited<ReturnType<typeof listScreeningQueue>>["items"][number];

/** What the page shows of the queue's items (and sends in its data), each checklist as HTML (ADR 0037). */
export function screeningRows(items: readonly QueueItem[], locale: Locale): (ScreeningRow & { checklistHtml: string })[] {
  return items.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    version: r.version,
    sector: r.sector,
    gpusRequested: r.gpusRequested,
    durationMonths: r.durationMonths,
    ministry: r.ministry,
    submittedOn: r.submittedOn,
    businessDaysWaiting: r.businessDaysWaiting,
    overdue: r.overdue,
    dueOn: r.dueOn,
    checklistHtml: screeningChecklistHtml(r.checklist, locale),
  }));
}

/**
 * `kept` must be the items array `listScreeningQueue` returned (its identity ties the HTML to it), and
 * `rows` what the page shows of them. The checkboxes are as the form shows them before any refusal (a
 * page showing a refused selection renders its rows in place).
 */
export function screeningRowsHtml(kept: readonly object[], rows: readonly ScreeningRow[], locale: Locale): string {
  return renderOnce(kept, locale, () => renderToString(<ScreeningRows items={rows} tr={translator(locale)} />));
}
