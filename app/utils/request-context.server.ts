/**
 * Per-request values shared by middleware, loaders and actions (React Router middleware, ADR 0019).
 * The server makes the context with `createLoadContext` (exported from app/entry.server.tsx so the
 * context keys are the app bundle's own); the root middleware resolves the signed-in user once.
 */
import { createContext, RouterContextProvider } from "react-router";
import type { CurrentUser } from "~/modules/auth/session.server";
import { documentContext, prerenderedContext } from "./prerendered";

/** The client's address as the server saw it (per-client sign-in limits). */
export const clientIpContext = createContext<string>("unknown");

/** The signed-in user of this request (null: anonymous), set by the root middleware. */
export const userContext = createContext<CurrentUser | null>(null);

/**
 * The address the request is for, as the app sees it, set by the root middleware: React Router's `url`
 * (no `.data` suffix, no `_routes` or `index` parameter). Loaders and actions get the raw request
 * (`v8_passThroughRequests`, ADR 0056), whose address may carry those.
 */
export const requestUrlContext = createContext<URL | null>(null);

/**
 * `document`: the request may answer with an HTML document (any but a client navigation's data request,
 * `….data`), as the server adapter sees its path. Unset, loaders put everything in their data.
 */
export function createLoadContext({ clientIp, document = false }: { clientIp: string; document?: boolean }): RouterContextProvider {
  const context = new RouterContextProvider();
  context.set(clientIpContext, clientIp);
  context.set(documentContext, document);
  context.set(prerenderedContext, new Map());
  return context;
}
