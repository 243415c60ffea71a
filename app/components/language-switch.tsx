import { useLocation } from "react-router";
import { useT } from "~/i18n/use-t";

export function LanguageSwitch() {
  const { locale, t } = useT();
  const location = useLocation();
  const next = locale === "ko" ? "en" : "ko";
  return (
    // a full page load: the other language's messages are another chunk (app/entry.client.tsx, ADR 0025);
    // so a plain form, not the router's (which would only step aside)
    <form method="post" action="/lang">
      <input type="hidden" name="lang" value={next} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="btn-secondary" lang={next} aria-label={`${t("lang.label")}: ${t("lang.switchTo")}`}>
        {t("lang.switchTo")}
      </button>
    </form>
  );
}
