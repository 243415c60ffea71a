/**
 * The pool page's figures as HTML, rendered once per kept overview and language (ADR 0037, 0049).
 *
 * The overview is kept until the next commit (`poolOverview`, ADR 0029) and does not depend on the
 * reader: the same object comes back, and so does its HTML. The page holds it as an island (ADR 0052):
 * the browser never renders the figures.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { translator } from "~/i18n/use-t";
import type { Locale } from "~/i18n/types";
import { renderOnce } from "~/utils/render-once.server";
import { PoolFigures } from "./pool-figures";

/** `overview` must be the object `poolOverview` returned (its identity ties the HTML to it). */
export function poolFiguresHtml(overview: Parameters<typeof PoolFigures>[0]["overview"], locale: Locale): string {
  return renderOnce(overview, locale, () => renderToStaticMarkup(<PoolFigures overview={overview} tr={translator(locale)} />));
}
