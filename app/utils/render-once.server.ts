/**
 * HTML rendered once per kept object and view (ADR 0037). A kept read (`memoUntilWrite`, ADR 0025)
 * returns the same object until the next commit: HTML made from it is kept beside it, in a `WeakMap`,
 * one entry per view (language, filters…). When the read is not kept, the object is new and its HTML
 * is made afresh; nothing else decides when the HTML is stale. `kept` must be the object the kept read
 * returned, and the view must name everything besides it that the HTML depends on.
 */
const rendered = new WeakMap<object, Map<string, string>>();

export function renderOnce(kept: object, view: string, render: () => string): string {
  let views = rendered.get(kept);
  if (!views) rendered.set(kept, (views = new Map()));
  let html = views.get(view);
  if (html === undefined) views.set(view, (html = render()));
  return html;
}
