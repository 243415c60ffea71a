import { Form, Link } from "react-router";
import type { Route } from "./+types/requests";
import { REQUEST_STATES } from "#workflows/demand-request.machine";
import { StateBadge } from "~/components/state-badge";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { listQuerySchema } from "~/modules/requests/request.schema";
import { listRequests } from "~/modules/requests/requests.server";

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const parsed = listQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const query = parsed.success ? parsed.data : { limit: 20 };
  return { user, query, ...(await listRequests({ user, query })) };
}

export default function Requests({ loaderData }: Route.ComponentProps) {
  const { user, items, nextCursor, query } = loaderData;
  const { t, td, n, d, locale } = useT();
  const params = new URLSearchParams();
  if (query.state) params.set("state", query.state);
  if (nextCursor) params.set("cursor", nextCursor);
  return (
    <section>
      <h1 className="page-title">{user.role === "MINISTRY_OFFICER" ? t("request.myListTitle") : t("request.listTitle")}</h1>
      <Form method="get" className="mt-4 flex items-end gap-2">
        <div>
          <label htmlFor="state" className="field-label">{t("request.filterState")}</label>
          <select id="state" name="state" defaultValue={query.state ?? ""} className="field-input">
            <option value="">{t("request.all")}</option>
            {REQUEST_STATES.map((s) => <option key={s} value={s}>{td(`workflow.state.${s}`)}</option>)}
          </select>
        </div>
        <button type="submit" className="btn-secondary">{t("request.apply")}</button>
      </Form>
      {items.length === 0 ? (
        <p className="card mt-4">{t("request.empty")}</p>
      ) : (
        <table className="mt-4 w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b-2 border-slate-300 text-left">
              <th scope="col" className="p-2">{t("request.reference")}</th>
              <th scope="col" className="p-2">{t("request.title")}</th>
              <th scope="col" className="p-2">{t("request.ministry")}</th>
              <th scope="col" className="p-2">{t("request.state")}</th>
              <th scope="col" className="p-2 text-right">{t("request.gpus")}</th>
              <th scope="col" className="p-2">{t("request.createdAt")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} className="border-b border-slate-200">
                <td className="p-2 font-mono">{r.reference ?? t("request.noReference")}</td>
                <td className="p-2"><Link to={`/requests/${r.id}`}>{r.title ?? t("request.untitled")}</Link></td>
                <td className="p-2">{locale === "ko" ? r.ministry.name : r.ministry.nameEn}</td>
                <td className="p-2"><StateBadge state={r.state} detail={r.stateDetail} /></td>
                <td className="p-2 text-right">{r.gpusRequested === null ? "–" : n(r.gpusRequested)}</td>
                <td className="p-2">{d(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor ? <p className="mt-4"><Link to={`/requests?${params}`}>{t("request.next")} →</Link></p> : null}
    </section>
  );
}
