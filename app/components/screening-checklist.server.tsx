/**
 * The screening queue's checklists as HTML, rendered once per kept queue row and language (ADR 0037).
 *
 * The queue's first pages are kept until the next commit or the next day (ADR 0033): the same row
 * objects come back, and with them their checklists' HTML. A new queue (after a commit) has new rows,
 * rendered afresh. The checklists were about half of the queue page's elements, the same for every
 * secretariat member.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { translator } from "~/i18n/use-t";
import type { Locale } from "~/i18n/types";
import type { CheckResult } from "~/modules/screening/checklist";
import { renderOnce } from "~/utils/render-once.server";
import { ScreeningChecklist } from "./screening-checklist";

type Checklist = { ok: boolean; checks: CheckResult[] };

/** `checklist` must be the object the queue row holds (its identity ties the HTML to it). */
export function screeningChecklistHtml(checklist: Checklist, locale: Locale): string {
  return renderOnce(checklist, locale, () => renderToStaticMarkup(<ScreeningChecklist checklist={checklist} tr={translator(locale)} />));
}
