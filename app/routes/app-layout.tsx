import { Outlet, useRouteLoaderData, type ShouldRevalidateFunctionArgs } from "react-router";
import { ErrorPage } from "~/components/error-page";
import type { Route } from "./+types/app-layout";
import { AppChrome } from "~/components/app-chrome";
import { requireUser } from "~/modules/auth/session.server";
import { inboxFor, inboxTotal } from "~/modules/inbox/inbox.server";
import { unreadForBell } from "~/modules/notifications/notify.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  // the header shows the inbox's count only: its entries travel with the home page that lists them, not
  // with every page (the inbox is kept until the next commit, so both reads are one computation)
  return { user, inboxCount: inboxTotal(await inboxFor(user)), unreadNotifications: await unreadForBell(user) };
}

/**
 * The header's user and to-do count change only through a form submission (this user's action) or on
 * the to-do page itself: plain navigations keep the layout's data (ADR 0019).
 */
export function shouldRevalidate({ formMethod, nextUrl, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formMethod && formMethod.toUpperCase() !== "GET") return defaultShouldRevalidate;
  // the to-do page lists the inbox (its count in the header must agree), the notification pages the
  // bell's list: always fresh there
  if (nextUrl.pathname === "/" || nextUrl.pathname.startsWith("/notifications")) return true;
  return false;
}

export default function AppLayout({ loaderData }: Route.ComponentProps) {
  return (
    <AppChrome user={loaderData.user} inboxCount={loaderData.inboxCount} unreadNotifications={loaderData.unreadNotifications}>
      <Outlet />
    </AppChrome>
  );
}

/**
 * A 403/404 (or any error) inside the signed-in app keeps the header, menu and logout (issue 14): the
 * error page renders inside the same chrome when the layout's own data loaded.
 */
export function ErrorBoundary() {
  const layout = useRouteLoaderData("routes/app-layout") as Route.ComponentProps["loaderData"] | undefined;
  if (!layout) return <ErrorPage />;
  return (
    <AppChrome user={layout.user} inboxCount={layout.inboxCount} unreadNotifications={layout.unreadNotifications}>
      <ErrorPage inChrome />
    </AppChrome>
  );
}
