import type { MouseEvent } from "react";
import { useNavigate } from "react-router";

/**
 * A click handler for a part of a page whose links are plain anchors — HTML rendered once on the server
 * (ADR 0037), or rows of a long list where a router `<Link>` per row cost more to render than the row.
 * A plain click on a same-site link goes through the router like any other link; a click with a modifier
 * key, on a link with a target, or to another site is left to the browser. Keyboard users follow the
 * anchors as links (Enter fires the same click).
 */
export function useRouterLinks() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element).closest("a");
    const href = anchor?.getAttribute("href");
    if (!anchor || !href?.startsWith("/") || href.startsWith("//") || anchor.target || anchor.hasAttribute("download")) return;
    event.preventDefault();
    // `data-prevent-scroll-reset`: the link changes a part of the page (an order, a tab), not the page
    void navigate(href, { preventScrollReset: anchor.hasAttribute("data-prevent-scroll-reset") });
  };
}
