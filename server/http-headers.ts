/**
 * Response headers every answer carries, and the defaults a route can override: an authenticated page or
 * API answer must not be kept by a browser or proxy cache (`Cache-Control: no-store` unless the route said
 * otherwise), and anything without its own policy gets a CSP that allows no script at all. HTML documents
 * set their own CSP with a per-response nonce in `app/entry.server.tsx`.
 */
import type { RequestHandler } from "express";

export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
/** For responses that are not HTML documents (JSON, files, CSV): nothing may run or embed them. */
export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders(): RequestHandler {
  return (req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    // HSTS only means something over HTTPS (directly, or behind a trusted proxy that says so).
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (!res.hasHeader("Cache-Control")) res.setHeader("Cache-Control", "no-store");
      if (!res.hasHeader("Content-Security-Policy")) res.setHeader("Content-Security-Policy", DEFAULT_CSP);
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  };
}

/** The CSP of an HTML document: scripts only from this origin or inline with this response's nonce. */
export function documentCsp(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    // development: Vite's hot-reload preamble is an inline script written outside React Router's nonce
    dev ? "script-src 'self' 'unsafe-inline'" : `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * `TRUST_PROXY` → Express's "trust proxy": unset/empty/false → the socket address is the client;
 * a number → that many proxy hops; `true` → every hop (only behind a proxy that strips client-sent
 * X-Forwarded-For); anything else → a comma list of addresses/subnets or `loopback`, `uniquelocal`.
 */
export function trustProxySetting(value = process.env.TRUST_PROXY): boolean | number | string {
  const v = value?.trim();
  if (!v || v === "false" || v === "0") return false;
  if (v === "true") return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}
