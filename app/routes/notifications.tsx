import { Form, Link, useNavigation, useSearchParams } from "react-router";
import type { Route } from "./+types/notifications";
import { useRouterLinks } from "~/components/router-links";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { notificationPath } from "~/modules/notifications/kinds";
import { listNotifications, markRead } from "~/modules/notifications/notify.server";
import { readForm } from "~/utils/api.server";
import { forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { pageLinks } from "~/utils/paging";

export async function loader({ request, url, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  const search = url.searchParams;
  const cursor = search.get("cursor") ?? undefined;
  const unread = search.get("unread") === "1";
  const locale = await pageLocale(request);
  return forPage(() => listNotifications({ user, unread, cursor, locale }));
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  const form = await readForm(request);
  const intent = form.get("intent");
  const id = String(form.get("id") ?? "");
  if (intent === "read" && id) return forPage(() => markRead({ user, ids: [id] }));
  if (intent === "readAll") return forPage(() => markRead({ user }));
  return null;
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
  const { t, dt, n } = useT();
  const followLink = useRouterLinks();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const onlyUnread = params.get("unread") === "1";
  const { items, unread, nextCursor } = loaderData;
  // previous/next are plain links (the earlier pages' cursors travel in the address): no JavaScript needed
  const pages = pageLinks(params, nextCursor);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{t("notify.page.title")}</h1>
        <Link to="/notifications/settings">{t("notify.page.settings")}</Link>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <p data-testid="notifications-unread">{t("notify.page.unread", { count: n(unread) })}</p>
        <Link to={onlyUnread ? "/notifications" : "/notifications?unread=1"} data-testid="notifications-filter">
          {onlyUnread ? t("notify.page.all") : t("notify.page.onlyUnread")}
        </Link>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="readAll" />
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t("notify.page.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? <p className="card">{t("notify.page.empty")}</p> : null}
      {/* One form for every "mark as read" button (the pressed one sends its id), and the titles as plain anchors
          routed here: a router <Form> and <Link> per notification cost more to render than the notification */}
      <Form method="post">
        <input type="hidden" name="intent" value="read" />
        {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- routes its anchors */}
        <ul className="space-y-2" onClick={followLink}>
          {items.map((item) => (
            <li
              key={item.id}
              data-testid="notification"
              data-id={item.id}
              className={`card flex flex-wrap items-center justify-between gap-3 ${item.readAt ? "" : "border-l-4 border-l-amber-400"}`}
            >
              <div>
                <p className={item.readAt ? "" : "font-bold"}>
                  {item.readAt ? null : <span className="badge mr-2 bg-amber-400 text-slate-900">{t("notify.page.new")}</span>}
                  <a href={notificationPath(item)} data-discover="true">
                    {item.title}
                  </a>
                </p>
                <p className="text-xs text-slate-600">
                  {t(`notify.kindLabel.${item.kind as "submitted"}`)} · {dt(item.createdAt)}
                </p>
              </div>
              {item.readAt ? (
                <span className="text-xs text-slate-600">{t("notify.page.read")}</span>
              ) : (
                <button type="submit" name="id" value={item.id} className="btn-secondary" disabled={busy}>
                  {t("notify.page.markRead")}
                </button>
              )}
            </li>
          ))}
        </ul>
      </Form>
      {pages.prev || pages.next ? (
        <nav aria-label={t("notify.page.pages")} className="flex flex-wrap gap-4" data-testid="notification-pages">
          {pages.first ? <Link to={`/notifications${pages.first}`}>« {t("requestList.firstPage")}</Link> : null}
          {pages.prev ? (
            <Link to={`/notifications${pages.prev}`} data-testid="notifications-prev">
              ← {t("request.prev")}
            </Link>
          ) : null}
          {pages.next ? (
            <Link to={`/notifications${pages.next}`} data-testid="notifications-next">
              {t("request.next")} →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
