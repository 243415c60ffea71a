import { Form, Link } from "react-router";
import type { Route } from "./+types/search";
import { MarkedText } from "~/components/marked-text";
import { StateBadge } from "~/components/state-badge";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { MAX_QUERY_LENGTH } from "~/modules/search/search-query";
import { searchEverything, type SearchItem } from "~/modules/search/search.server";
import { isMinistryScoped } from "~/modules/auth/permissions";

const PAGE_SIZE = 30;

export async function loader({ request, url, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  const q = (url.searchParams.get("q") ?? "").slice(0, MAX_QUERY_LENGTH).trim();
  const result = await searchEverything({ user, q, limit: PAGE_SIZE });
  return { q, officer: isMinistryScoped(user), ...result };
}

function Details({ item }: { item: SearchItem }) {
  const { t, td, d, locale } = useT();
  if (item.kind === "request") {
    const { meta } = item;
    return (
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <span className="font-mono">{meta.reference ?? t("request.noReference")}</span>
        <span>{locale === "ko" ? meta.ministry.name : meta.ministry.nameEn}</span>
        <StateBadge state={meta.state} />
      </p>
    );
  }
  if (item.kind === "meeting") {
    const { meta } = item;
    return <p className="text-sm text-slate-700">{t("reports.search.meetingMeta", { date: d(meta.date), status: td(`meeting.status.${meta.status}`) })}</p>;
  }
  const { meta } = item;
  return (
    <p className="text-sm text-slate-700">
      {t("reports.search.conditionOf", { reference: meta.request.reference ?? "", title: meta.request.title ?? "", date: d(meta.dueOn) })}
      {" · "}
      {td(`condition.status.${meta.status}`)}
    </p>
  );
}

export default function Search({ loaderData }: Route.ComponentProps) {
  const { q, items, more, officer } = loaderData;
  const { t, td, n } = useT();
  return (
    <section aria-labelledby="search-title" className="space-y-4">
      <h1 id="search-title" className="page-title">
        {q ? t("reports.search.resultsFor", { q }) : t("reports.search.title")}
      </h1>
      <Form method="get" role="search" aria-label={t("reports.search.label")} className="card flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="search-q" className="field-label">
            {t("reports.search.label")}
          </label>
          <input
            key={q}
            id="search-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={MAX_QUERY_LENGTH}
            className="field-input"
            placeholder={t("reports.search.placeholder")}
          />
        </div>
        <button type="submit" className="btn-primary">
          {t("reports.search.submit")}
        </button>
      </Form>
      <p className="text-sm text-slate-700">{officer ? t("reports.search.scopeOfficer") : t("reports.search.prompt")}</p>
      {q ? (
        <p className="text-sm text-slate-700" aria-live="polite" data-testid="search-count">
          {t("reports.search.count", { count: n(items.length) })}
        </p>
      ) : null}
      {more ? <p className="alert-info">{t("reports.search.more", { count: n(items.length) })}</p> : null}
      {q && items.length === 0 ? (
        <p className="card" data-testid="search-empty">
          {t("reports.search.empty", { q })}
        </p>
      ) : null}
      {items.length > 0 ? (
        <ol className="space-y-3" data-testid="search-results">
          {items.map((item) => {
            const title = item.kind === "meeting" ? t("reports.search.meetingTitle", { number: item.meta.number, title: item.title }) : item.title;
            // the meeting title is composed: its marks are those of the record's own title, shifted
            const shift = item.kind === "meeting" ? title.indexOf(item.title) : 0;
            const ranges = shift >= 0 ? item.highlights.title.map(([s, e]) => [s + shift, e + shift] as [number, number]) : [];
            return (
              <li key={`${item.kind}:${item.id}`} className="card space-y-1" data-testid="search-result" data-kind={item.kind}>
                <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{td(`reports.search.kind.${item.kind}`)}</p>
                <h2 className="text-base font-bold">
                  <Link to={item.url}>
                    <MarkedText text={title || t("request.untitled")} ranges={title ? ranges : []} />
                  </Link>
                </h2>
                <Details item={item} />
                {item.snippet ? (
                  <p className="text-sm text-slate-800">
                    <MarkedText text={item.snippet} ranges={item.highlights.snippet} />
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
