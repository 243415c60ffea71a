import { data } from "react-router";
import type { Route } from "./+types/not-found";
import { AppChrome } from "~/components/app-chrome";
import { useT } from "~/i18n/use-t";
import { signedInUser } from "~/modules/auth/session.server";
import { inboxFor, inboxTotal } from "~/modules/inbox/inbox.server";

/**
 * An address that names nothing. A signed-in person keeps the header, menu and logout (issue 14);
 * anyone else (and any API path) gets the bare 404 page.
 */
export async function loader({ url, context }: Route.LoaderArgs) {
  const user = url.pathname.startsWith("/api/") ? null : signedInUser(context);
  if (!user) throw data(null, { status: 404 });
  return data({ user, inboxCount: inboxTotal(await inboxFor(user)) }, { status: 404 });
}

export default function NotFound({ loaderData }: Route.ComponentProps) {
  const { t } = useT();
  return (
    <AppChrome user={loaderData.user} inboxCount={loaderData.inboxCount}>
      <section className="max-w-xl">
        <h1 className="page-title">{t("error.notFoundTitle")}</h1>
        <p className="mt-4">{t("error.notFound")}</p>
        <p className="mt-6">
          <a href="/">{t("error.backHome")}</a>
        </p>
      </section>
    </AppChrome>
  );
}
