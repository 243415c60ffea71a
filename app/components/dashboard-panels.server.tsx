/**
 * The dashboard's panels as HTML, rendered once per kept figures and view (ADR 0037).
 *
 * The figures are kept until the next commit (`pipelineStats`, ADR 0025). Rendering their ~1,000
 * elements again for every reader cost more than the rest of the page together; the HTML is the same
 * for every reader of the same figures, filters, kind and language. So it is kept beside the figures:
 * when they are read again, the same object comes back and so does its HTML; when they are not kept (a
 * commit, a new day, a read beside an open transaction) the figures are a new object and the panels are
 * rendered afresh. The browser never renders the panels: the page shows this HTML as an island (ADR
 * 0052), in the document or in a navigation's data. React escapes every text it renders.
 */
import { renderToString } from "react-dom/server";
import { translator } from "~/i18n/use-t";
import type { Locale } from "~/i18n/types";
import type { StatsQuery } from "~/modules/stats/stats.schema";
import { renderOnce } from "~/utils/render-once.server";
import { DashboardPanels, type DashboardFigures } from "./dashboard-panels";

/** `figures` must be the object `pipelineStats` returned (its identity is what ties the HTML to it). */
export function dashboardPanelsHtml(figures: DashboardFigures, view: { query: StatsQuery; officer: boolean; locale: Locale }): string {
  const { query, officer, locale } = view;
  const key = JSON.stringify([locale, officer, query.ministry ?? null, query.sector ?? null, query.domain ?? null]);
  return renderOnce(figures, key, () => renderToString(<DashboardPanels stats={figures} query={query} officer={officer} tr={translator(locale)} />));
}
