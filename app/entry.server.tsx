/**
 * Server rendering of HTML documents (React Router's default node entry, plus a Content-Security-Policy
 * with a fresh nonce per document: only this origin's scripts and the inline scripts React Router and
 * React write into this very response may run).
 */
import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream } from "react-dom/server";
import type { EntryContext, RouterContextProvider } from "react-router";
import { Prerendered, prerenderedContext } from "./utils/prerendered";
import { ServerRouter } from "react-router";
import { documentCsp } from "../server/http-headers";

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

  const nonce = randomBytes(16).toString("base64");
  responseHeaders.set("Content-Security-Policy", documentCsp(nonce, import.meta.env.DEV));

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    const readyOption: keyof RenderToPipeableStreamOptions = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    // the parts of the page its loaders rendered ahead (ADR 0037)
    const prerendered = prerenderedOf(loadContext);
    const document = (
      <Prerendered.Provider value={prerendered}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </Prerendered.Provider>
    );
    const { pipe, abort } = renderToPipeableStream(document, {
      nonce,
      [readyOption]() {
        shellRendered = true;
        const body = new PassThrough({
          final(callback) {
            clearTimeout(timeoutId);
            timeoutId = undefined;
            callback();
          },
        });
        responseHeaders.set("Content-Type", "text/html");
        pipe(body);
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
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
