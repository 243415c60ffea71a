/**
 * "Previous page" for cursor-paged lists (issue 14), without reverse queries and without JavaScript:
 * the cursors of the pages before this one travel in the address (`back`, one per page; "-" is the
 * first page), so the previous link is the same query with the last of them.
 */
const FIRST = "-";

export type PageLinks = { prev: string | null; next: string | null; first: string | null };

/** Query strings ("?…" or "") for the first, previous and next page of the list at `params`. */
export function pageLinks(params: URLSearchParams, nextCursor: string | number | null | undefined, cursorKey = "cursor"): PageLinks {
  const cursor = params.get(cursorKey);
  const back = params.getAll("back");
  const build = (newCursor: string | null, newBack: string[]) => {
    const out = new URLSearchParams(params);
    out.delete(cursorKey);
    out.delete("back");
    if (newCursor) out.set(cursorKey, newCursor);
    for (const b of newBack) out.append("back", b);
    const s = out.toString();
    return s ? `?${s}` : "?";
  };
  const earlier = back.slice(0, -1);
  const last = back.at(-1);
  return {
    first: cursor ? build(null, []) : null,
    prev: cursor ? build(last && last !== FIRST ? last : null, last && last !== FIRST ? earlier : []) : null,
    next: nextCursor !== null && nextCursor !== undefined && nextCursor !== "" ? build(String(nextCursor), [...back, cursor ?? FIRST]) : null,
  };
}
