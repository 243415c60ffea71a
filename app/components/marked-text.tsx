import { markedParts, type Range } from "~/modules/search/search-query";

/** Text with the search matches in <mark>; everything stays a text node (no HTML from the data). */
export function MarkedText({ text, ranges }: { text: string; ranges: Range[] }) {
  return (
    <>
      {markedParts(text, ranges).map((part, i) =>
        part.match ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
