import { useLocation } from "react-router";
import { LanguageSwitch } from "~/components/language-switch";
import { NAV_BY_ROLE } from "~/components/nav";
import { useRouterLinks } from "~/components/router-links";
import { SearchBox } from "~/components/search-box";
import { useT } from "~/i18n/use-t";
import { bellFigure } from "~/modules/notifications/bell";
import type { CurrentUser } from "~/modules/auth/session.server";

/** The signed-in app's header, menu, logout and footer around a page (the layout, its error page, the 404). */
export function AppChrome({
  user,
  inboxCount,
  unreadNotifications = 0,
  children,
}: {
  user: CurrentUser;
  inboxCount: number;
  unreadNotifications?: number;
  children: React.ReactNode;
}) {
  const { t, n, locale } = useT();
  const orgName = locale === "ko" ? user.organization.nameKo : user.organization.nameEn;
  const bell = bellFigure(unreadNotifications, n);
  // The header's links are plain anchors routed by one click handler: a router link each (eleven on
  // every page) resolved its path and read the navigation state on every render (ADR 0048). Current
  // as a NavLink with `end` is: the same path, letter case and a trailing slash aside.
  const followLink = useRouterLinks();
  const here = useLocation()
    .pathname.replace(/(.)\/$/, "$1")
    .toLowerCase();
  const current = (to: string) => (here === to.toLowerCase() ? "page" : undefined);
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only">
        {t("app.skipToContent")}
      </a>
      {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions -- routes its anchors */}
      <header className="bg-gov-900 text-white" onClick={followLink}>
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 p-4">
          <p className="text-lg font-bold">
            <a href="/" data-discover="true" aria-current={current("/")} className="text-white no-underline">
              {t("app.name")}
            </a>
          </p>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <SearchBox />
            <span data-testid="header-user">
              {orgName} · {user.name} · {t(`role.${user.role}`)}
              {user.isChair ? ` (${t("role.chair")})` : ""}
            </span>
            <a
              href="/"
              data-discover="true"
              aria-current={current("/")}
              aria-label={t("inbox.headerCount", { count: n(inboxCount) })}
              data-testid="header-inbox"
              className="inline-flex items-center gap-1 rounded-md border border-white/40 px-2 py-1 text-white no-underline hover:bg-gov-700"
            >
              <span aria-hidden="true">{t("inbox.title")}</span>
              <span aria-hidden="true" className={`badge ${inboxCount > 0 ? "bg-amber-400 text-slate-900" : "bg-white/20 text-white"}`}>
                {n(inboxCount)}
              </span>
            </a>
            <a
              href="/notifications"
              data-discover="true"
              aria-current={current("/notifications")}
              aria-label={t("notify.bell.label", { count: bell })}
              data-testid="header-bell"
              className="inline-flex items-center gap-1 rounded-md border border-white/40 px-2 py-1 text-white no-underline hover:bg-gov-700"
            >
              <span aria-hidden="true">🔔 {t("notify.bell.title")}</span>
              <span
                aria-hidden="true"
                data-testid="header-bell-count"
                className={`badge ${unreadNotifications > 0 ? "bg-amber-400 text-slate-900" : "bg-white/20 text-white"}`}
              >
                {bell}
              </span>
            </a>
            <LanguageSwitch />
            {/* a plain form: signing out loads the login page afresh, nothing of the session's pages kept in memory */}
            <form method="post" action="/logout">
              <button type="submit" className="btn-secondary">
                {t("nav.signOut")}
              </button>
            </form>
          </div>
        </div>
        <nav aria-label={t("nav.label")} className="bg-gov-700">
          <ul className="mx-auto flex max-w-6xl flex-wrap gap-1 px-4">
            {NAV_BY_ROLE[user.role].map((item) => (
              <li key={item.to}>
                <a
                  href={item.to}
                  data-discover="true"
                  aria-current={current(item.to)}
                  className={`block px-3 py-2 text-sm text-white no-underline ${current(item.to) ? "bg-gov-900 font-bold" : "hover:bg-gov-900"}`}
                >
                  {t(item.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl p-6">
        {children}
      </main>
      <footer className="mx-auto max-w-6xl p-6 text-xs text-slate-600">{t("app.footer")}</footer>
    </>
  );
}
