import { Form, useLocation, useSearchParams } from "react-router";
import { useT } from "~/i18n/use-t";

/** The header's search box: a GET form to /search (works without JavaScript). */
export function SearchBox() {
  const { t } = useT();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const q = pathname === "/search" ? (params.get("q") ?? "") : "";
  return (
    <Form method="get" action="/search" role="search" aria-label={t("reports.search.label")} className="flex items-center gap-1" data-testid="header-search">
      <label htmlFor="header-search-q" className="sr-only">
        {t("reports.search.label")}
      </label>
      <input
        key={q}
        id="header-search-q"
        name="q"
        type="search"
        defaultValue={q}
        maxLength={200}
        placeholder={t("reports.search.placeholder")}
        className="w-44 rounded-md border border-white/40 bg-white px-2 py-1 text-sm text-slate-900 placeholder:text-slate-500 sm:w-56"
      />
      <button type="submit" className="btn-secondary px-2 py-1">
        {t("reports.search.submit")}
      </button>
    </Form>
  );
}
