import { useSearchParams } from "react-router";
import { useT } from "~/i18n/use-t";

const NOTICES = { saved: true, submitted: true, resubmitted: true, withdrawn: true, submitFailed: false } as const;

/** The success (or failure) banner after a redirect, from `?notice=` (works without JavaScript). */
export function NoticeBanner() {
  const { td } = useT();
  const [params] = useSearchParams();
  const notice = params.get("notice") ?? "";
  if (!(notice in NOTICES)) return null;
  const ok = NOTICES[notice as keyof typeof NOTICES];
  return (
    <p role={ok ? "status" : "alert"} className={ok ? "alert-success" : "alert-error"} data-testid="notice">
      {td(`request.form.notice.${notice}`)}
    </p>
  );
}
