import { Outlet, useRouteLoaderData } from "react-router";
import { ErrorPage } from "~/components/error-page";
import type { Route } from "./+types/app-layout";
import { AppChrome } from "~/components/app-chrome";
import { requireUser } from "~/modules/auth/session.server";
import { inboxFor, inboxTotal } from "~/modules/inbox/inbox.server";

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  // the inbox is derived from the records on every load (the header count and the home page use it)
  const inbox = await inboxFor(user);
  return { user, inbox, inboxCount: inboxTotal(inbox) };
}

export default function AppLayout({ loaderData }: Route.ComponentProps) {
  return (
    <AppChrome user={loaderData.user} inboxCount={loaderData.inboxCount}>
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
    <AppChrome user={layout.user} inboxCount={layout.inboxCount}>
      <ErrorPage inChrome />
    </AppChrome>
  );
}

