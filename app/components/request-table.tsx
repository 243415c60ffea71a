import type { Translator } from "~/i18n/use-t";
import { StateBadgeText } from "./state-badge";

export interface RequestTableRow {
  id: string;
  reference: string | null;
  title: string | null;
  state: string;
  stateDetail: string | null;
  sector: string | null;
  gpusRequested: number | null;
  createdAt: Date;
  ministry: { name: string; nameEn: string };
}

/**
 * The request list's table. No hooks and no router components: only the server renders it, to HTML,
 * once per kept page of rows (request-table.server.tsx, ADR 0048); the page shows that HTML as an island
 * (ADR 0052), in the document or in a navigation's data. The title links are plain anchors; the page
 * routes their clicks (`useRouterLinks`).
 */
export function RequestTable({ items, officer, tr }: { items: readonly RequestTableRow[]; officer: boolean; tr: Translator }) {
  const { t, td, n, d, locale } = tr;
  return (
    <table className="w-full border-collapse bg-white text-sm">
      <caption className="sr-only">{officer ? t("request.myListTitle") : t("request.listTitle")}</caption>
      <thead>
        <tr className="border-b-2 border-slate-300 text-left">
          <th scope="col" className="p-2">
            {t("request.reference")}
          </th>
          <th scope="col" className="p-2">
            {t("request.title")}
          </th>
          {officer ? null : (
            <th scope="col" className="p-2">
              {t("request.ministry")}
            </th>
          )}
          <th scope="col" className="p-2">
            {t("request.state")}
          </th>
          <th scope="col" className="p-2">
            {t("request.sector")}
          </th>
          <th scope="col" className="p-2 text-right">
            {t("request.gpus")}
          </th>
          <th scope="col" className="p-2">
            {t("request.createdAt")}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={r.id} className="border-b border-slate-200">
            <td className="p-2 font-mono whitespace-nowrap">{r.reference ?? t("request.noReference")}</td>
            <td className="p-2">
              <a href={`/requests/${r.id}`} data-discover="true">
                {r.title ?? t("request.untitled")}
              </a>
            </td>
            {officer ? null : <td className="p-2">{locale === "ko" ? r.ministry.name : r.ministry.nameEn}</td>}
            <td className="p-2">
              <StateBadgeText state={r.state} detail={r.stateDetail} td={td} />
            </td>
            <td className="p-2">{r.sector ? td(`request.sectors.${r.sector}`) : "–"}</td>
            <td className="p-2 text-right tabular-nums">{r.gpusRequested === null ? "–" : n(r.gpusRequested)}</td>
            <td className="p-2 whitespace-nowrap">{d(r.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
