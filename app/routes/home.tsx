import type { Route } from "./+types/home";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  return { user };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { user } = loaderData;
  const { t, locale } = useT();
  return (
    <section>
      <h1 className="page-title">{t("home.welcome", { name: user.name })}</h1>
      <dl className="card mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-semibold">{t("home.organization")}</dt>
        <dd>{locale === "ko" ? user.organization.nameKo : user.organization.nameEn}</dd>
        <dt className="font-semibold">{t("home.role")}</dt>
        <dd data-testid="home-role">{t(`role.${user.role}`)}</dd>
      </dl>
    </section>
  );
}
