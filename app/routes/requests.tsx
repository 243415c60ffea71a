import { Form, Link, useNavigation, useSearchParams } from "react-router";
import type { Route } from "./+types/requests";
import { REQUEST_STATES } from "#workflows/request-states";
import { RequestExportLinks } from "~/components/export-links";
import { requestTableHtml } from "~/components/request-table.server";
import { useRouterLinks } from "~/components/router-links";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { DOMAINS, LIST_SORTS, SECTORS } from "~/modules/requests/request-options";
import { listQuerySchema, nonEmptyParams, type ListQuery } from "~/modules/requests/request.schema";
import { listMinistries, listRequests } from "~/modules/requests/requests.server";
import { AppError } from "~/utils/errors";
import { isMinistryScoped } from "~/modules/auth/permissions";
import { pageLinks } from "~/utils/paging";
import { pageLocale } from "~/utils/locale.server";
import { htmlIsland, useIsland } from "~/utils/prerendered";

const FILTER_KEYS = ["state", "sector", "domain", "ministry", "q", "sort"] as const;

export async function loader({ request, url, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  const parsed = listQuerySchema.safeParse(nonEmptyParams(url.searchParams));
  let query: ListQuery = parsed.success ? parsed.data : { sort: "newest", limit: 20 };
  const list = await listRequests({ user, query }).catch(async (error) => {
    if (!(error instanceof AppError) || !query.cursor) throw error;
    query = { ...query, cursor: undefined }; // a stale or edited cursor: start from the first page
    return listRequests({ user, query });
  });
  const officer = isMinistryScoped(user);
  const [ministries, locale] = await Promise.all([listMinistries(user), pageLocale(request)]);
  // the table is an island (ADR 0052): HTML rendered once per kept page of rows and view (ADR 0048), in the
  // document or in a navigation's data; the rows themselves never travel
  const { items, ...rest } = list;
  const table = items.length ? htmlIsland(context, "request-table", () => requestTableHtml(items, { officer, locale })) : null;
  return { officer, query, invalidQuery: !parsed.success, ministries, ...rest, rowCount: items.length, table };
}

export default function Requests({ loaderData }: Route.ComponentProps) {
  const { officer, rowCount, table, nextCursor, query, counts, total, ministries, invalidQuery } = loaderData;
  const tr = useT();
  const { t, td, n, locale } = tr;
  const tableIsland = useIsland("request-table", table);
  // the state tabs, the table's title links and the page links are plain anchors (ADR 0048): routed here
  const followLink = useRouterLinks();
  const searching = useNavigation().state === "loading";
  const [params] = useSearchParams();
  if (!query.cursor) params.delete("cursor"); // a stale cursor was dropped by the loader
  const pages = pageLinks(params, nextCursor);
  const filtered = FILTER_KEYS.some((k) => k !== "sort" && query[k]);
  const href = (change: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const k of FILTER_KEYS) if (query[k] && !(k === "sort" && query.sort === "newest")) params.set(k, String(query[k]));
    if (query.limit && Number(query.limit) !== 20) params.set("limit", String(query.limit));
    for (const [k, v] of Object.entries(change))
      if (v) params.set(k, v);
      else params.delete(k);
    const s = params.toString();
    return s ? `/requests?${s}` : "/requests";
  };
  const shown = query.state ? (counts[query.state] ?? 0) : total;
  const select = (name: "sector" | "domain", options: readonly string[], prefix: string) => (
    <div>
      <label htmlFor={`filter-${name}`} className="field-label">
        {t(`requestList.filter.${name}`)}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={query[name] ?? ""} className="field-input">
        <option value="">{t("request.all")}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {td(`${prefix}.${o}`)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section aria-labelledby="list-title" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="list-title" className="page-title">
          {officer ? t("request.myListTitle") : t("request.listTitle")}
        </h1>
        {officer ? (
          <Link to="/requests/new" className="btn-primary">
            {t("requestList.newRequest")}
          </Link>
        ) : null}
      </div>
      {invalidQuery ? (
        <p role="alert" className="alert-error">
          {t("requestList.invalidQuery")}
        </p>
      ) : null}

      {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- routes its anchors */}
      <nav aria-label={t("requestList.byState")} data-testid="state-counts" onClick={followLink}>
        <ul className="flex flex-wrap gap-2 text-sm">
          <li>
            <a
              href={href({ state: undefined, cursor: undefined })}
              data-discover="true"
              aria-current={!query.state ? "page" : undefined}
              className={`badge border ${!query.state ? "border-gov-700 bg-gov-700 text-white" : "border-slate-300 bg-white text-slate-800"}`}
            >
              {t("request.all")} {n(total)}
            </a>
          </li>
          {REQUEST_STATES.filter((s) => counts[s] || query.state === s).map((s) => (
            <li key={s}>
              <a
                href={href({ state: s })}
                data-discover="true"
                aria-current={query.state === s ? "page" : undefined}
                className={`badge border ${query.state === s ? "border-gov-700 bg-gov-700 text-white" : "border-slate-300 bg-white text-slate-800"}`}
              >
                {td(`workflow.state.${s}`)} {n(counts[s] ?? 0)}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="card grid gap-3 md:grid-cols-3 lg:grid-cols-4" role="search" aria-label={t("requestList.filters")}>
        {query.limit && Number(query.limit) !== 20 ? <input type="hidden" name="limit" value={query.limit} /> : null}
        <div className="md:col-span-3 lg:col-span-4">
          <label htmlFor="filter-q" className="field-label">
            {t("requestList.filter.q")}
          </label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            maxLength={200}
            placeholder={t("requestList.filter.qPlaceholder")}
            className="field-input"
          />
        </div>
        <div>
          <label htmlFor="filter-state" className="field-label">
            {t("request.filterState")}
          </label>
          <select id="filter-state" name="state" defaultValue={query.state ?? ""} className="field-input">
            <option value="">{t("request.all")}</option>
            {REQUEST_STATES.map((s) => (
              <option key={s} value={s}>
                {td(`workflow.state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {select("sector", SECTORS, "request.sectors")}
        {select("domain", DOMAINS, "request.domains")}
        {officer ? null : (
          <div>
            <label htmlFor="filter-ministry" className="field-label">
              {t("requestList.filter.ministry")}
            </label>
            <select id="filter-ministry" name="ministry" defaultValue={query.ministry ?? ""} className="field-input">
              <option value="">{t("request.all")}</option>
              {ministries.map((m) => (
                <option key={m.code} value={m.code}>
                  {locale === "ko" ? m.nameKo : m.nameEn}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="filter-sort" className="field-label">
            {t("requestList.sort.label")}
          </label>
          <select id="filter-sort" name="sort" defaultValue={query.sort ?? "newest"} className="field-input">
            {LIST_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`requestList.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-2 md:col-span-3 lg:col-span-4">
          <button type="submit" className="btn-primary" disabled={searching}>
            {searching ? t("requestList.searching") : t("request.apply")}
          </button>
          {filtered ? (
            <Link to="/requests" className="btn-secondary">
              {t("requestList.reset")}
            </Link>
          ) : null}
        </div>
      </Form>

      <p className="text-sm text-slate-700" aria-live="polite" data-testid="result-count">
        {t("requestList.resultCount", { count: n(shown) })}
      </p>
      {shown > 0 ? <RequestExportLinks search={href({}).split("?")[1] ?? ""} total={shown} /> : null}

      {rowCount === 0 ? (
        <div className="card space-y-2" data-testid="empty-state">
          {filtered ? (
            <>
              <p>{t("requestList.emptyFiltered")}</p>
              <p>
                <Link to="/requests">{t("requestList.reset")}</Link>
              </p>
            </>
          ) : officer ? (
            <>
              <p>{t("requestList.emptyOfficer")}</p>
              <p>
                <Link to="/requests/new" className="btn-primary">
                  {t("requestList.newRequest")}
                </Link>
              </p>
            </>
          ) : (
            <p>{t("requestList.emptyAll")}</p>
          )}
        </div>
      ) : (
        // the table as the server rendered it: the browser never renders it itself
        // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- routes its anchors
        <div className="overflow-x-auto" role="region" aria-labelledby="list-title" tabIndex={0} onClick={followLink} {...tableIsland} />
      )}
      {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- routes its anchors */}
      <nav aria-label={t("requestList.pages")} className="flex gap-4" onClick={followLink}>
        {pages.first ? (
          <a href={`/requests${pages.first}`} data-discover="true">
            « {t("requestList.firstPage")}
          </a>
        ) : null}
        {pages.prev ? (
          <a href={`/requests${pages.prev}`} data-discover="true" data-testid="requests-prev">
            ← {t("request.prev")}
          </a>
        ) : null}
        {pages.next ? (
          <a href={`/requests${pages.next}`} data-discover="true" data-testid="requests-next">
            {t("request.next")} →
          </a>
        ) : null}
      </nav>
    </section>
  );
}
