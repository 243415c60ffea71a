import { useEffect, useRef } from "react";
import { useSearchParams } from "react-router";
import { useT } from "~/i18n/use-t";

const NOTICES = { saved: true, submitted: true, resubmitted: true, withdrawn: true, submitFailed: false } as const;

/**
 * The success (or failure) message after a Post/Redirect/Get, from `?notice=` (works without
 * JavaScript). It takes focus and scrolls into view, and the `notice` is taken out of the address
 * (without a navigation) so a reload or a later visit does not show an old message again.
 */
export function NoticeBanner() {
  const { td } = useT();
  const [params] = useSearchParams();
  const notice = params.get("notice") ?? "";
  const ref = useRef<HTMLParagraphElement>(null);
  const known = notice in NOTICES;
  useEffect(() => {
    if (!known) return;
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView?.({ block: "nearest" });
    const url = new URL(window.location.href);
    url.searchParams.delete("notice");
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }, [known, notice]);
  if (!known) return null;
  const ok = NOTICES[notice as keyof typeof NOTICES];
  return (
    <p ref={ref} tabIndex={-1} role={ok ? "status" : "alert"} className={ok ? "alert-success" : "alert-error"} data-testid="notice">
      {td(`request.form.notice.${notice}`)}
    </p>
  );
}
