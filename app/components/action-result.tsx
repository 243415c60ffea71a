import { useEffect, useRef } from "react";
import { useT } from "~/i18n/use-t";

export type ActionResultData = { ok: boolean; message: string; conflict?: boolean };

/**
 * The answer to what a person just did, placed next to where they acted (issue 14): success as a
 * status, refusal as an alert, a stale page with a reload link. It takes focus and scrolls into view
 * when it appears, so on a long page the answer is not 1,500 px away from the button.
 */
export function ActionResult({
  result,
  reloadHref,
  className = "",
  clearParam,
}: {
  result: ActionResultData;
  reloadHref?: string;
  className?: string;
  /** a query parameter that carried this message through a redirect: taken out of the address once shown */
  clearParam?: string;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    node.focus({ preventScroll: true });
    node.scrollIntoView?.({ block: "nearest" });
    if (clearParam) {
      const url = new URL(window.location.href);
      if (url.searchParams.has(clearParam)) {
        url.searchParams.delete(clearParam);
        window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
      }
    }
  }, [result.message, result.ok, clearParam]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={result.ok ? "status" : "alert"}
      data-testid="action-result"
      className={`${result.ok ? "alert-success" : "alert-error"} ${className}`.trim()}
    >
      {result.message}
      {result.conflict && reloadHref ? (
        <>
          {" "}
          <a href={reloadHref}>{t("common.reload")}</a>
        </>
      ) : null}
    </div>
  );
}
