/**
 * Whole HTML documents kept until the next commit (ADR 0062).
 *
 * A page's document is a function of what the request says (its address, its cookies, which carry the
 * session and the language, and `Accept-Language`), of the signed-in user, of the database and of the
 * day (due dates and ages count in days). Between two commits to the database, on the same day, the same
 * request gets the same document byte for byte, except its CSP nonce, which must be new in every answer.
 * The render is what a page costs once its data is kept (`memoUntilWrite`): React's render of the page and
 * React Router's document, more than half of a data page's CPU under load (issue 11).
 *
 * So the root middleware, after the user is resolved, keeps a signed-in user's GET document answered
 * `200 text/html` without a cookie set, and answers the same request from it until the next commit or the
 * next day, with a fresh nonce written where the kept one was (in the scripts' attributes and the CSP
 * header). What stays as it was:
 * - the session is checked on every request before this (expiry, revocation, deactivation): an expired
 *   session is anonymous, and nothing anonymous is kept or answered from here;
 * - the key is a hash of the whole request as the page reads it: another session, language, user or
 *   address is another key, so no one is ever answered another's document;
 * - a commit by any connection or instance (PostgreSQL: the current snapshot, ADR 0029) is a new version:
 *   a page after a change is rendered afresh, as before;
 * - client navigations' data requests, API answers (bearer tokens), files, errors, redirects and HEAD
 *   requests go through as before, and so does everything in development (Vite reloads code, not data);
 * - a page that shows more than the database and the day says so (`neverKeep`): the audit chain's check
 *   against its anchor file, which is outside the database, runs on every request for it.
 * `KEPT_DOCUMENTS=off` turns the whole of it off.
 */
import { createHash } from "node:crypto";
import { createContext, type MiddlewareFunction, type RouterContextProvider } from "react-router";
import { documentCsp } from "../../server/http-headers";
import { wholeBodyOf, wholeResponse } from "../../server/whole-body";
import { todayInKorea } from "./clock";
import { memoUntilWrite } from "./lean-read.server";
import { documentNonce } from "./nonce.server";
import { documentContext } from "./prerendered";
import { userContext } from "./request-context.server";

/** A document larger than this is rendered every time (the space keeps at most 200: a few tens of MB). */
export const KEPT_DOCUMENT_MAX_BYTES = 256 * 1024;

/** A kept document: its headers but the CSP and the length, and its body cut where its nonce was. */
export interface KeptDocument {
  headers: [string, string][];
  parts: Buffer[];
}

/** Headers made anew for every answer (the nonce's policy and the body's length). */
const MADE_PER_ANSWER = new Set(["content-security-policy", "content-length"]);

export function keptDocumentsEnabled(): boolean {
  return process.env.KEPT_DOCUMENTS !== "off" && !import.meta.env.DEV;
}

/** Set by a loader whose page shows more than the database and the day (`neverKeep`). */
const neverKeepContext = createContext<boolean>(false);

/**
 * A loader whose document must be rendered every time: it shows something besides the database and the
 * day, such as the audit chain checked against its anchor file outside the database (`/audit?verify=1`).
 */
export function neverKeep(context: Readonly<RouterContextProvider>): void {
  context.set(neverKeepContext, true);
}

/** Root middleware, after the user's (root.tsx): a signed-in user's GET document, answered from its kept copy when there is one. */
export const keptDocumentMiddleware: MiddlewareFunction<Response> = ({ request, context, url }, next) => {
  const user = context.get(userContext);
  if (!user || request.method !== "GET" || !context.get(documentContext) || request.headers.has("Authorization") || !keptDocumentsEnabled()) return next();
  return answerKept(documentKey(user.id, url, request.headers), async () => {
    const response = await next();
    return context.get(neverKeepContext) ? notKept(response) : response;
  });
};

/**
 * The hash of everything a document depends on besides the database and the day: the user, the whole
 * address, the cookies (the session, the language) and the languages the browser accepts.
 */
export function documentKey(userId: string, url: URL, headers: Headers): string {
  return createHash("sha256")
    .update(`${userId}\n${url.href}\n${headers.get("Cookie") ?? ""}\n${headers.get("Accept-Language") ?? ""}`)
    .digest("base64");
}

/**
 * The document for `key`: the kept one with a new nonce, or `render()`'s, kept when it may be. Requests
 * that arrive while the first is rendering wait for it and answer its copy; when it may not be kept (or
 * it failed), each renders its own.
 */
export async function answerKept(key: string, render: () => Promise<Response>): Promise<Response> {
  let rendering = false; // this request's own render is the one kept
  let rendered: Response | undefined;
  let kept: KeptDocument | null;
  try {
    kept = await memoUntilWrite(
      `document|${key}`,
      todayInKorea(),
      async () => {
        rendering = true;
        return keptOf((rendered = await render()));
      },
      "documents",
      (document) => document !== null,
    );
  } catch (error) {
    if (rendering) throw error;
    return render();
  }
  if (rendered) return rendered;
  return kept ? answerFrom(kept) : render();
}

const NOT_KEPT = Symbol("not kept");

/** `response`, marked never to be kept. */
function notKept(response: Response): Response {
  Object.defineProperty(response, NOT_KEPT, { value: true });
  return response;
}

/** What of `response` may be kept: a whole HTML document answered 200, with its nonce, no cookie set. */
export function keptOf(response: Response): KeptDocument | null {
  if ((response as Response & { [NOT_KEPT]?: true })[NOT_KEPT]) return null;
  if (response.status !== 200 || response.headers.has("Set-Cookie")) return null;
  if (!/^text\/html\b/i.test(response.headers.get("Content-Type") ?? "")) return null;
  const body = wholeBodyOf(response);
  if (!body || body.byteLength > KEPT_DOCUMENT_MAX_BYTES) return null;
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(response.headers.get("Content-Security-Policy") ?? "")?.[1];
  if (!nonce) return null;
  const headers: [string, string][] = [];
  for (const [name, value] of response.headers) if (!MADE_PER_ANSWER.has(name)) headers.push([name, value]);
  return { headers, parts: cutAt(Buffer.from(body.buffer, body.byteOffset, body.byteLength), Buffer.from(nonce)) };
}

/** `bytes` cut at every `mark` (the marks left out). */
function cutAt(bytes: Buffer, mark: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf(mark); at !== -1; at = bytes.indexOf(mark, from)) {
    parts.push(bytes.subarray(from, at));
    from = at + mark.length;
  }
  parts.push(bytes.subarray(from));
  return parts;
}

/** A new answer from a kept document: a new nonce in its body and its policy. */
export function answerFrom(kept: KeptDocument): Response {
  const nonce = documentNonce();
  const mark = Buffer.from(nonce);
  const pieces: Buffer[] = [];
  kept.parts.forEach((part, i) => {
    if (i > 0) pieces.push(mark);
    pieces.push(part);
  });
  const body = Buffer.concat(pieces);
  const headers = new Headers(kept.headers);
  headers.set("Content-Security-Policy", documentCsp(nonce));
  headers.set("Content-Length", String(body.byteLength));
  return wholeResponse(body, { status: 200, headers });
}
