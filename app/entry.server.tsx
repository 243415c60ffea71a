/**
 * Server rendering of HTML documents (React Router's default node entry, plus a Content-Security-Policy
 * with a fresh nonce per document: only this origin's scripts and the inline scripts React Router and
 * React write into this very response may run).
 */
import { documentNonce } from "./utils/nonce.server";
import { Writable } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import type { EntryContext, RouterContextProvider } from "react-router";
import { Prerendered, prerenderedContext } from "./utils/prerendered";
import { ServerRouter } from "react-router";
import { documentCsp } from "../server/http-headers";
import { wholeResponse } from "../server/whole-body";

export const streamTimeout = 5_000;

/** The parts the loaders left to render ahead, as HTML (none when the request lacks the app's context). */
export function prerenderedOf(loadContext: RouterContextProvider | undefined): ReadonlyMap<string, string> | null {
  let parts: Map<string, () => string> | undefined;
  try {
    parts = loadContext?.get(prerenderedContext);
  } catch {
    return null; // a context without the key (not made by createLoadContext)
  }
  if (!parts) return null;
  const html = new Map<string, string>();
  for (const [part, render] of parts) {
    try {
      html.set(part, render());
    } catch (error) {
      console.error(error); // the page renders that part itself, as on a client navigation
    }
  }
  return html;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === "HEAD") return new Response(null, { status: responseStatusCode, headers: responseHeaders });

  const nonce = documentNonce();
  responseHeaders.set("Content-Security-Policy", documentCsp(nonce, import.meta.env.DEV));

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    // the parts of the page its loaders rendered ahead (ADR 0037)
    const prerendered = prerenderedOf(loadContext);
    const document = (
      <Prerendered.Provider value={prerendered}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </Prerendered.Provider>
    );
    // The whole document, then one answer (ADR 0042): no page waits on anything after its loaders, so
    // streaming it bought nothing but a write to the socket per piece React flushed.
    const { pipe, abort } = renderToPipeableStream(document, {
      nonce,
      onShellReady() {
        shellRendered = true;
      },
      onAllReady() {
        const chunks: Uint8Array[] = [];
        pipe(
          new Writable({
            write(chunk: Uint8Array | string, _encoding, callback) {
              chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
              callback();
            },
            final(callback) {
              clearTimeout(timeoutId);
              timeoutId = undefined;
              const html = Buffer.concat(chunks);
              responseHeaders.set("Content-Type", "text/html");
              responseHeaders.set("Content-Length", String(html.byteLength));
              resolve(wholeResponse(html, { headers: responseHeaders, status: responseStatusCode }));
              callback();
            },
          }),
        );
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
  });
}

// The production server (server/main.ts) starts and stops the app through these, so it uses the
// same module instances as the requests (ADR 0018).
export { closeAtShutdown, prepareAtStart, startBackgroundWorkers } from "./utils/lifecycle.server";
export { createLoadContext } from "./utils/request-context.server";
