/**
 * File names as people see them (Korean kept) and as HTTP headers carry them. Pure.
 */

/**
 * The name to store: the last path segment (some browsers send `C:\fakepath\...`), NFC-normalised
 * (macOS sends decomposed Hangul), without control characters, at most 200 characters.
 */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const controls = /[\u0000-\u001f\u007f]/g;
  const cleaned = base.normalize("NFC").replace(controls, "").trim();
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, 200 - ext.length) + ext;
}

/** RFC 5987 `value-chars`: percent-encoded UTF-8, leaving only attr-chars bare. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A quoted-string-safe ASCII stand-in for old clients: non-ASCII, quotes and backslashes become `_`. */
export function asciiFallback(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return ascii.replace(/^_+(?=\.)/, "file") || "file";
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<encoded>` — modern browsers use the second. */
export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
