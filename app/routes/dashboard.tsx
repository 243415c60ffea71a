import { Form, Link } from "react-router";
import { useRouterLinks } from "~/components/router-links";
import type { Route } from "./+types/dashboard";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { DOMAINS, SECTORS, nonEmptyParams } from "~/modules/requests/request.schema";
// the page's code must not import request.schema (zod) into the browser: the choices come from the loader
import { listMinistries } from "~/modules/requests/requests.server";
import { pipelineStats } from "~/modules/stats/pipeline.server";
import { statsQuerySchema, type StatsQuery } from "~/modules/stats/stats.schema";
import { dashboardPanelsHtml } from "~/components/dashboard-panels.server";
import { pageLocale } from "~/utils/locale.server";
import { htmlIsland, useIsland } from "~/utils/prerendered";
// the panels' styles (their component is rendered outside the page on the server too)
import "~/components/charts.css";
import "./dashboard.css";
import { isMinistryScoped } from "~/modules/auth/permissions";

export async function loader({ request, url, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  const parsed = statsQuerySchema.safeParse(nonEmptyParams(url.searchParams));
  const query: StatsQuery = parsed.success ? parsed.data : {};
  const officer = isMinistryScoped(user);
  const [stats, ministries, locale] = await Promise.all([pipelineStats({ user, query }), listMinistries(user), pageLocale(request)]);
  // the charts and tables are an island (ADR 0052): HTML rendered once per kept figures and view (ADR 0037),
  // in the document or in a navigation's data; the figures themselves never travel
  const panels = htmlIsland(context, "dashboard-panels", () => dashboardPanelsHtml(stats, { query, officer, locale }));
  return {
    total: stats.total,
    generatedAt: stats.generatedAt,
    panels,
    query,
    ministries,
    invalidQuery: !parsed.success,
    sectors: [...SECTORS],
    domains: [...DOMAINS],
    officer,
    ownMinistry: { nameKo: user.organization.nameKo, nameEn: user.organization.nameEn },
  };
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const { total, generatedAt, panels, query, ministries, officer, ownMinistry, invalidQuery, sectors, domains } = loaderData;
  const tr = useT();
  const { t, td: tdyn, n, dt, locale } = tr;
  const panelsIsland = useIsland("dashboard-panels", panels);
  const filtered = Boolean(query.ministry || query.sector || query.domain);
  // the panels' links are plain anchors (the server renders the panels outside the router): routed here
  const followLink = useRouterLinks();
  return (
    <div className="dashboard space-y-5">
      <header className="space-y-2">
        <h1 className="page-title">{t("reports.dashboard.title")}</h1>
        <p className="text-sm text-slate-700">{t("reports.dashboard.intro")}</p>
        {officer ? (
          <p className="alert-info">{t("reports.dashboard.scopeOfficer", { ministry: locale === "ko" ? ownMinistry.nameKo : ownMinistry.nameEn })}</p>
        ) : null}
        <p className="text-sm text-slate-700">
          <strong data-testid="dashboard-total">{t("reports.dashboard.total", { count: n(total) })}</strong>
          {" · "}
          {t("reports.dashboard.generatedAt", { at: dt(generatedAt) })}
        </p>
      </header>
      {invalidQuery ? (
        <p role="alert" className="alert-error">
          {t("requestList.invalidQuery")}
        </p>
      ) : null}

      <Form method="get" className="card no-print grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("reports.dashboard.filters")}>
        {officer ? null : (
          <div>
            <label htmlFor="dash-ministry" className="field-label">
              {t("reports.dashboard.pipeline.ministry")}
            </label>
            <select id="dash-ministry" name="ministry" defaultValue={query.ministry ?? ""} className="field-input">
              <option value="">{t("reports.dashboard.all")}</option>
              {ministries.map((m) => (
                <option key={m.code} value={m.code}>
                  {locale === "ko" ? m.nameKo : m.nameEn}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="dash-sector" className="field-label">
            {t("reports.dashboard.pipeline.sector")}
          </label>
          <select id="dash-sector" name="sector" defaultValue={query.sector ?? ""} className="field-input">
            <option value="">{t("reports.dashboard.all")}</option>
            {sectors.map((s) => (
              <option key={s} value={s}>
                {tdyn(`request.sectors.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="dash-domain" className="field-label">
            {t("reports.dashboard.pipeline.domain")}
          </label>
          <select id="dash-domain" name="domain" defaultValue={query.domain ?? ""} className="field-input">
            <option value="">{t("reports.dashboard.all")}</option>
            {domains.map((d) => (
              <option key={d} value={d}>
                {tdyn(`request.domains.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <button type="submit" className="btn-primary">
            {t("reports.dashboard.apply")}
          </button>
          {filtered ? (
            <Link to="/dashboard" className="btn-secondary">
              {t("reports.dashboard.reset")}
            </Link>
          ) : null}
          <button type="button" className="btn-secondary" onClick={() => window.print()}>
            {t("reports.dashboard.print")}
          </button>
        </div>
      </Form>

      {/* the panels as the server rendered them (the browser never renders them itself); the links inside
          are reached and followed by keyboard as links: this only routes their clicks */}
      {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions */}
      <div className="space-y-5" onClick={followLink} {...panelsIsland} />
    </div>
  );
}
