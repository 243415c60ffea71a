/**
 * The screening queue's rows as HTML, rendered once per kept queue page and language (ADR 0037, 0049),
 * an island of the page (ADR 0052): the browser takes the HTML as it is, and never renders the rows.
 *
 * The queue's first pages are kept until the next commit or the next day (`listScreeningQueue`, ADR
 * 0033): the same items array comes back, and so does its rows' HTML. Later pages are read afresh and
 * rendered afresh.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { translator } from "~/i18n/use-t";
import type { Locale } from "~/i18n/types";
import { renderOnce } from "~/utils/render-once.server";
import type { listScreeningQueue } from "~/modules/screening/screening.server";
import { screeningChecklistHtml } from "./screening-checklist.server";
import { SELECT_FIELD } from "./screening-rows";
import type { Translator } from "~/i18n/use-t";

type QueueItem = Awaited<ReturnType<typeof listScreeningQueue>>["items"][number];

/**
 * The screening queue's rows (the table's body), as the form shows them before any refusal (the page
 * marks a refusal on them: `rowsHtmlRefused`, `markRefusal`). The title links are plain anchors; the
 * page routes their clicks (`useRouterLinks`).
 */
function ScreeningRows({ items, checklists, tr }: { items: readonly QueueItem[]; checklists: readonly string[]; tr: Translator }) {
  const { t, td, n, d, locale } = tr;
  const label = {
    title: t("request.title"),
    size: t("screening.size"),
    submittedOn: t("screening.submittedOn"),
    waiting: t("screening.waiting"),
    checklist: t("screening.checklist"),
  };
  return items.map((r, i) => {
    const title = r.title ?? t("request.untitled");
    return (
      <tr key={r.id} className={`border-b border-slate-200 align-top ${r.overdue ? "bg-red-50" : ""}`} data-testid="screening-row" data-overdue={r.overdue}>
        <td className="p-2">
          <input type="checkbox" name={SELECT_FIELD} value={`${r.id}:${r.version}`} aria-label={t("screening.selectRow", { title })} className="h-4 w-4" />
        </td>
        <td className="p-2" data-label={label.title}>
          <p className="font-mono text-xs text-slate-600">{r.reference ?? t("request.noReference")}</p>
          <a href={`/requests/${r.id}`} data-discover="true">
            {title}
          </a>
          <p className="text-xs text-slate-600">
            {locale === "ko" ? r.ministry.name : r.ministry.nameEn}
            {r.sector ? ` · ${td(`request.sectors.${r.sector}`)}` : ""}
          </p>
        </td>
        <td className="whitespace-nowrap p-2" data-label={label.size}>
          {r.gpusRequested !== null && r.durationMonths !== null ? t("screening.sizeValue", { gpus: n(r.gpusRequested), months: r.durationMonths }) : "–"}
        </td>
        <td className="whitespace-nowrap p-2" data-label={label.submittedOn}>
          {d(r.submittedOn)}
        </td>
        <td className="whitespace-nowrap p-2" data-label={label.waiting}>
          <p>{t("screening.waitingDays", { days: n(r.businessDaysWaiting) })}</p>
          {r.overdue ? (
            <p>
              <span className="badge bg-red-700 text-white" data-testid="overdue">
                {t("screening.overdue")}
              </span>
            </p>
          ) : (
            <p className="text-xs text-slate-600">{t("screening.dueOn", { date: d(r.dueOn) })}</p>
          )}
        </td>
        <td className="p-2" data-label={label.checklist} dangerouslySetInnerHTML={{ __html: checklists[i] }} />
      </tr>
    );
  });
}

/**
 * The rows' HTML. `items` must be the array `listScreeningQueue` returned (its identity ties the HTML to
 * it). The checkboxes are as the form shows them before any refusal.
 */
export function screeningRowsHtml(items: readonly QueueItem[], locale: Locale): string {
  return renderOnce(items, locale, () => {
    // each checklist as HTML kept per row (ADR 0037), made before the rows' render: a render inside a render is not React's
    const checklists = items.map((r) => screeningChecklistHtml(r.checklist, locale));
    return renderToStaticMarkup(<ScreeningRows items={items} checklists={checklists} tr={translator(locale)} />);
  });
}
