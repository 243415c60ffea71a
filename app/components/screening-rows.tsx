import type { Translator } from "~/i18n/use-t";

export interface ScreeningRow {
  id: string;
  reference: string | null;
  title: string | null;
  version: number;
  sector: string | null;
  gpusRequested: number | null;
  durationMonths: number | null;
  ministry: { name: string; nameEn: string };
  submittedOn: Date | string;
  businessDaysWaiting: number;
  overdue: boolean;
  dueOn: Date | string;
  /**
   * the row's checks, as HTML rendered once per kept queue row (screening-checklist.server.tsx); null in
   * a document's data, where the HTML is in the document itself (an island each, `checklistIsland`)
   */
  checklistHtml: string | null;
}

/** The island that holds a row's checklist in the document (ADR 0052). */
export const checklistIsland = (id: string) => `checklist:${id}`;

/** The rows' checkboxes' field in the page's form (`bulkScreeningFormSchema`). */
export const SELECT_FIELD = "select";

/** The form's message about the selection, when it refused one: the checkboxes point to it. */
export interface SelectRefusal {
  errorId: string;
}

/**
 * The screening queue's rows (the table's body). No hooks and no router components: the server renders
 * them ahead to HTML once per kept queue page and language (screening-rows.server.tsx, ADR 0049), and
 * the browser renders the same component to hydrate them. The title links are plain anchors; the page
 * routes their clicks (`useRouterLinks`).
 */
export function ScreeningRows({
  items,
  refused,
  written,
  tr,
}: {
  items: readonly ScreeningRow[];
  refused?: SelectRefusal;
  /** the checklists the document holds, by island, for rows whose data carries none (`useWrittenIslands`) */
  written?: ReadonlyMap<string, string>;
  tr: Translator;
}) {
  const { t, td, n, d, locale } = tr;
  const label = {
    title: t("request.title"),
    size: t("screening.size"),
    submittedOn: t("screening.submittedOn"),
    waiting: t("screening.waiting"),
    checklist: t("screening.checklist"),
  };
  return items.map((r) => {
    const title = r.title ?? t("request.untitled");
    return (
      <tr key={r.id} className={`border-b border-slate-200 align-top ${r.overdue ? "bg-red-50" : ""}`} data-testid="screening-row" data-overdue={r.overdue}>
        <td className="p-2">
          <input
            type="checkbox"
            name={SELECT_FIELD}
            value={`${r.id}:${r.version}`}
            aria-label={t("screening.selectRow", { title })}
            className="h-4 w-4"
            aria-invalid={refused ? true : undefined}
            aria-describedby={refused?.errorId}
          />
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
        <td
          className="p-2"
          data-label={label.checklist}
          data-island={checklistIsland(r.id)}
          dangerouslySetInnerHTML={{ __html: r.checklistHtml ?? written?.get(checklistIsland(r.id)) ?? "" }}
        />
      </tr>
    );
  });
}
