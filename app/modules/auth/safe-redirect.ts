const BASE = "http://app.invalid";

/**
 * Where to send the browser after signing in or switching the language: a path on this site, or
 * `fallback`. Browsers read `\` as `/`, drop tabs and newlines, and follow `//host` to another site,
 * so anything but a plain same-origin path (after decoding, too) falls back.
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  if (/[\\ \p{Cc}]/u.test(to)) return fallback; // backslash, space, control characters
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  if (decoded.startsWith("//") || /[\\\p{Cc}]/u.test(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return url.pathname + url.search + url.hash;
}
