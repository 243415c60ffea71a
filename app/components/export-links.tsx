import { useT } from "~/i18n/use-t";

/** Download links for the request list under its current filters (the query string of /requests). */
export function RequestExportLinks({ search, total }: { search: string; total: number }) {
  const { t, n } = useT();
  const params = new URLSearchParams(search);
  params.delete("cursor");
  params.delete("limit");
  const query = params.toString() ? `?${params}` : "";
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="request-export">
      <a href={`/requests/export.csv${query}`} download className="btn-secondary">
        {t("reports.exports.csv")}
      </a>
      <a href={`/requests/export.xlsx${query}`} download className="btn-secondary">
        {t("reports.exports.xlsx")}
      </a>
      <span className="text-slate-600">{t("reports.exports.listHint", { count: n(total) })}</span>
    </div>
  );
}
