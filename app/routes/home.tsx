import { Link } from "react-router";
import type { Route } from "./+types/home";
import type { MessageParams } from "~/i18n/messages";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { inboxFor, type InboxEntry, type InboxGroup } from "~/modules/inbox/inbox.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return { user, inbox: await inboxFor(user) };
}

function Flag({ flag }: { flag: InboxEntry["flag"] }) {
  const { t } = useT();
  if (flag === "overdue") return <span className="badge bg-red-100 text-red-800">{t("inbox.overdueMark")}</span>;
  if (flag === "dueSoon") return <span className="badge bg-amber-100 text-amber-900">{t("inbox.dueSoonMark")}</span>;
  return null;
}

function InboxCard({ group }: { group: InboxGroup }) {
  const { t, td, n, d } = useT();
  const params = (p?: MessageParams) =>
    p && Object.fromEntries(Object.entries(p).map(([k, v]) => [k, k === "date" ? d(String(v)) : typeof v === "number" ? n(v) : v]));
  const headingId = `inbox-${group.key}-title`;
  return (
    <li className="card flex flex-col gap-2" data-testid={`inbox-${group.key}`}>
      <h3 id={headingId} className="flex items-baseline justify-between gap-2 font-bold">
        <Link to={group.to}>{td(`inbox.item.${group.key}`)}</Link>
        <span className="text-2xl text-gov-900" data-testid="inbox-count">
          {n(group.count)}
        </span>
      </h3>
      {group.overdue || group.dueSoon ? (
        <p className="flex flex-wrap gap-1 text-xs">
          {group.overdue ? <span className="badge bg-red-100 text-red-800">{t("inbox.overdue", { count: n(group.overdue) })}</span> : null}
          {group.dueSoon ? <span className="badge bg-amber-100 text-amber-900">{t("inbox.dueSoon", { count: n(group.dueSoon) })}</span> : null}
        </p>
      ) : null}
      <ul className="space-y-1 text-sm">
        {group.entries.map((e) => (
          <li key={e.id} className="border-t border-slate-100 pt-1">
            <Link to={e.to} className="block">
              {e.label ? <span className="mr-1 font-mono text-xs text-slate-600">{e.label}</span> : null}
              <span>{e.title ?? t("request.untitled")}</span>
            </Link>
            <span className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
              {e.note ? td(e.note.key, params(e.note.params)) : null}
              <Flag flag={e.flag} />
            </span>
          </li>
        ))}
      </ul>
      {group.count > group.entries.length ? (
        <p className="mt-auto text-sm">
          <Link to={group.to}>
            {t("inbox.more", { count: n(group.count - group.entries.length) })} · {t("inbox.viewAll")}
          </Link>
        </p>
      ) : null}
    </li>
  );
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { user, inbox } = loaderData;
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
      <section aria-labelledby="inbox" className="mt-6">
        <h2 id="inbox" className="text-lg font-bold">
          {t("inbox.title")}
        </h2>
        {inbox.length === 0 ? (
          <p className="card mt-2 text-sm" data-testid="inbox-empty">
            {user.role === "ADMIN" ? t("inbox.adminNone") : t("inbox.empty")}
          </p>
        ) : (
          <ul className="mt-2 grid gap-3 md:grid-cols-2 lg:grid-cols-3" data-testid="inbox">
            {inbox.map((g) => (
              <InboxCard key={g.key} group={g} />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
