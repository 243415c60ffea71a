/**
 * The header's bell counts unread notifications up to this many and then says "99+": counting every
 * unread row on each page view cost in proportion to how many someone left unread (thousands for a
 * secretariat that reads its to-do instead), and no one acts on the exact figure in a header. The
 * notifications page and the API still give the exact count.
 */
export const BELL_MAX = 99;

/** The bell's figure: the count as formatted, or "99+" above BELL_MAX. */
export function bellFigure(count: number, format: (n: number) => string): string {
  return count > BELL_MAX ? `${format(BELL_MAX)}+` : format(count);
}
