/**
 * The request page's workflow diagram as HTML (ADR 0048), the screening checklists' way (ADR 0037): the
 * browser shows the HTML and never renders the diagram, so the page sends neither the diagram's code
 * nor the machine's description (every state and transition) to it.
 *
 * The drawing depends only on the machine, the language, the current state, the states reached and the
 * moves offered. There are few such views, so each one's HTML is kept (at most `KEPT`, the oldest
 * dropped first). The machine is one object for the life of the process.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describeWorkflow } from "#workflows/demand-request.machine";
import { translator } from "~/i18n/use-t";
import type { Locale } from "~/i18n/types";
import { WorkflowDiagram } from "./workflow-diagram";

const KEPT = 1_000;
const kept = new Map<string, string>();

export function workflowDiagramHtml(view: { current: string; reached: readonly string[]; offered: readonly string[]; locale: Locale }): string {
  const reached = [...new Set(view.reached)].sort();
  const key = JSON.stringify([view.locale, view.current, reached, view.offered]);
  let html = kept.get(key);
  if (html === undefined) {
    html = renderToStaticMarkup(
      <WorkflowDiagram
        workflow={describeWorkflow()}
        current={view.current}
        reached={new Set(reached)}
        allowedEvents={view.offered}
        tr={translator(view.locale)}
      />,
    );
    if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
    kept.set(key, html);
  }
  return html;
}
