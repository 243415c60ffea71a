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
import { createContext as createReactContext, useContext } from "react";
import { createContext } from "react-router";

export const prerenderedContext = createContext<Map<string, () => string>>();

export const Prerendered = createReactContext<ReadonlyMap<string, string> | null>(null);

/** The HTML the server rendered ahead for this part of the page, when this is the document's render. */
export function usePrerendered(part: string): string | undefined {
  return useContext(Prerendered)?.get(part);
}
