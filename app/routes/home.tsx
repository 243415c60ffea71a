import type { Route } from "./+types/home";
import { useT } from "~/i18n/use-t";
import { Link } from "react-router";
import { requireUser } from "~/modules/auth/session.server";
import { inboxFor } from "~/modules/inbox/inbox.server";

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  return { user, inbox: await inboxFor(user) };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { user, inbox } = loaderData;
  const { t, td, n, locale } = useT();
  return (
    <section>
      <h1 className="page-title">{t("home.welcome", { name: user.name })}</h1>
      <dl className="card mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-semibold">{t("home.organization")}</dt>
        <dd>{locale === "ko" ? user.organization.nameKo : user.organization.nameEn}</dd>
        <dt className="font-semibold">{t("home.role")}</dt>
        <dd data-testid="home-role">{t(`role.${user.role}`)}</dd>
      </dl>
      <section aria-labelledby="inbox" className="mt-6">
        <h2 id="inbox" className="text-lg font-bold">{t("nav.inbox")}</h2>
        {inbox.length === 0 ? <p className="card mt-2 text-sm">{t("home.inboxEmpty")}</p> : (
          <ul className="mt-2 grid gap-2 md:grid-cols-3" data-testid="inbox">
            {inbox.map((g) => (
              <li key={g.state} className="card">
                <Link to={`/requests?state=${g.state}`} className="flex items-center justify-between">
                  <span>{td(`workflow.state.${g.state}`)}</span>
                  <span className="text-2xl font-bold">{n(g.count)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
