/**
 * Parts of a page the server renders ahead to HTML, kept with the data they show (ADR 0037), handed from
 * a loader to the document's render without travelling in the loader data.
 *
 * A loader puts a part in `prerenderedContext` (the request's router context) as a function that
 * returns its HTML. Only the server's document render (entry.server.tsx) calls it, and provides the HTML
 * to the page through `Prerendered`; the page writes it where its own render of that part would go. The
 * HTML is React's own rendering of the same component (`renderToString`), so in the browser React
 * hydrates it as if it had rendered it in place, from the loader's data. A client navigation's data
 * request renders no document: the HTML is never made, and the page renders the part as any other.
 */
import { createContext as createReactContext, useContext, useState } from "react";
import { createContext, type RouterContextProvider } from "react-router";

export const prerenderedContext = createContext<Map<string, () => string>>();

/** Whether this request may answer with an HTML document, not a client navigation's data (createLoadContext). */
export const documentContext = createContext<boolean>(false);

export const Prerendered = createReactContext<ReadonlyMap<string, string> | null>(null);

/**
 * A part of the page that is only HTML to the browser (an island: the request's history, the workflow
 * drawing), for an element's `dangerouslySetInnerHTML` (ADR 0052).
 * - A document request: the server renders the HTML into the document, and the loader data carries null.
 *   When React hydrates an element whose inner HTML is given as a string, it leaves the element's
 *   content as the server wrote it, and sets it again only when that string changes.
 * - A client navigation's data request: the loader data carries the HTML itself.
 * So the HTML travels once: in the document, or in the data.
 */
export function htmlIsland(context: Readonly<RouterContextProvider>, part: string, render: () => string): string | null {
  if (!context.get(documentContext)) return render();
  context.get(prerenderedContext).set(part, render);
  return null;
}

/**
 * The island's element props: what the loader sent, when it sent HTML; otherwise (a document, null)
 * the server's HTML in the document's render, and in the browser what the server wrote in the element
 * (`useWrittenIsland`). Read from the page once, when the element mounts: if React ever renders the page
 * afresh instead of hydrating it (after a mismatch elsewhere), the island keeps its content instead of
 * coming up empty.
 */
export function useIsland(part: string, fromLoader: string | null): { "data-island": string; dangerouslySetInnerHTML: { __html: string } } {
  const written = useWrittenIsland(part);
  return { "data-island": part, dangerouslySetInnerHTML: { __html: fromLoader ?? written } };
}

/**
 * The island's HTML as the document has it: in the document's render, what the server rendered; in the
 * browser, what the server wrote in the element, read once when the page mounts (before hydration).
 */
function useWrittenIsland(part: string): string {
  const server = useContext(Prerendered);
  const [written] = useState(() => {
    if (server) return server.get(part) ?? "";
    if (typeof document === "undefined") return "";
    return document.querySelector(`[data-island="${CSS.escape(part)}"]`)?.innerHTML ?? "";
  });
  return written;
}
