/**
 * What a person typed into the search box, made safe to search with, and the marks that show where
 * it matched. Pure: shared by the SQLite backend, a future PostgreSQL one and the pages.
 *
 * A query is split on white space into terms; every term must occur (AND), as a substring, in any
 * searched field, case-insensitively for Latin letters. Terms of 3 characters or more go through the
 * trigram index; 1–2 character terms (common in Korean: "AI", "의료") are too short for trigrams and
 * use an escaped LIKE instead.
 */
export const MAX_QUERY_LENGTH = 200;
export const MAX_TERMS = 8;
/** The trigram tokenizer indexes 3-character windows: shorter terms can't use it. */
export const TRIGRAM = 3;

export interface SearchTerms {
  /** Terms with at least 3 characters (trigram index). */
  long: string[];
  /** Terms of 1–2 characters (LIKE fallback). */
  short: string[];
}

/** Characters, not UTF-16 units: a supplementary-plane character counts as one. */
const length = (s: string) => [...s].length;

/** The terms of a query (deduplicated, at most MAX_TERMS), or null when nothing is left to search. */
export function parseSearchQuery(raw: string | null | undefined): SearchTerms | null {
  const text = (raw ?? "").normalize("NFC").slice(0, MAX_QUERY_LENGTH);
  // control characters never mean anything in a search and would confuse the marks below
  const cleaned = text.replace(/\p{Cc}/gu, " ");
  const terms = [
    ...new Set(
      cleaned
        .split(/\s+/)
        .filter(Boolean)
        .map((t) => t.toLowerCase()),
    ),
  ].slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  return { long: terms.filter((t) => length(t) >= TRIGRAM), short: terms.filter((t) => length(t) < TRIGRAM) };
}

/** An FTS5 query: each term a quoted phrase (a `"` doubled), all of them required. */
export function ftsMatchExpression(terms: string[]): string {
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(" AND ");
}

/** A LIKE pattern for "contains term" with `\` as the escape character. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type Range = [start: number, end: number];

/** Where the terms occur in `text` (UTF-16 offsets, merged, in order), case-insensitively. */
export function matchRanges(text: string, terms: string[]): Range[] {
  const lower = text.toLowerCase();
  // toLowerCase keeps the length of Korean and Latin text; if it ever did not, mark nothing rather than the wrong place
  if (lower.length !== text.length) return [];
  const ranges: Range[] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + term.length)) ranges.push([at, at + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * A short piece of `text` around its first match (about `radius` characters either side, cut at
 * spaces where possible, `…` where cut), with the matches inside it; the start of the text when
 * nothing matches.
 */
export function snippet(text: string, terms: string[], radius = 60): { text: string; ranges: Range[] } {
  const flat = text.replace(/\s+/g, " ").trim();
  const first = matchRanges(flat, terms)[0];
  let start = first ? Math.max(0, first[0] - radius) : 0;
  let end = Math.min(flat.length, (first ? first[1] : 0) + radius * (first ? 1 : 2));
  if (start > 0) {
    const space = flat.indexOf(" ", start);
    if (space !== -1 && first && space < first[0]) start = space + 1;
  }
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    if (space > (first ? first[1] : start)) end = space;
  }
  // don't cut a surrogate pair in half
  if (start > 0 && /[\udc00-\udfff]/.test(flat[start] ?? "")) start--;
  if (end < flat.length && /[\ud800-\udbff]/.test(flat[end - 1] ?? "")) end++;
  const piece = `${start > 0 ? "…" : ""}${flat.slice(start, end)}${end < flat.length ? "…" : ""}`;
  return { text: piece, ranges: matchRanges(piece, terms) };
}

/** Text cut into plain and matched parts, for rendering as text nodes and <mark> (never as HTML). */
export function markedParts(text: string, ranges: Range[]): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at || e > text.length) continue;
    if (s > at) parts.push({ text: text.slice(at, s), match: false });
    parts.push({ text: text.slice(s, e), match: true });
    at = e;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}
