import { Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/signoffs";
import { DecisionSummary } from "~/components/decision-summary";
import { ActionResult } from "~/components/action-result";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/permissions.server";
import { pendingSignoffs } from "~/modules/meetings/signoffs.server";
import { sendPageEvent } from "~/modules/requests/page-event.server";
import { pageLocale } from "~/utils/locale.server";
import { readForm } from "~/utils/api.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requirePermission(request, "decision:signOff", context);
  return { items: await pendingSignoffs({ user }) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requirePermission(request, "decision:signOff", context);
  const form = await readForm(request);
  const type = String(form.get("type"));
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const body: Record<string, unknown> = { type, expectedVersion: Number(form.get("expectedVersion")) };
  if (type === "SIGN" && text("comment")) body.comment = text("comment");
  if (type === "REFUSE_SIGNOFF") body.reason = text("reason");
  const done = type === "SIGN" ? "signoff.signed" : type === "REFUSE_SIGNOFF" ? "signoff.refused" : undefined;
  return sendPageEvent({ user, locale: await pageLocale(request), requestId: text("requestId"), body, done });
}

export default function Signoffs({ loaderData, actionData }: Route.ComponentProps) {
  const { t, td, n, locale } = useT();
  const busy = useNavigation().state !== "idle";
  const { items } = loaderData;
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("signoff.inboxTitle")}</h1>
      {actionData && !items.some((i) => i.requestId === actionData.requestId) ? <ActionResult result={actionData} reloadHref="/signoffs" /> : null}
      {items.length === 0 ? <p className="card">{t("signoff.empty")}</p> : null}
      <ul className="space-y-4">
        {items.map((item) => (
          <li key={item.id} className="card space-y-3" data-testid="signoff-item">
            <h2 className="text-lg font-bold">
              <Link to={`/requests/${item.request.id}`}>{item.request.reference} {item.request.title}</Link>
            </h2>
            <p className="text-sm text-slate-700">
              {locale === "ko" ? item.request.ministry.name : item.request.ministry.nameEn}
              {item.request.sector ? ` · ${td(`request.sectors.${item.request.sector}`)}` : ""}
              {item.request.gpusRequested ? ` · ${t("meeting.requestedGpus")} ${n(item.request.gpusRequested)}` : ""}
            </p>
            <DecisionSummary decision={{ ...item, proposedConditions: item.conditions }} quorum={item.quorum} agreedGpus={item.request.agreedGpus} />
            <div className="grid gap-3 md:grid-cols-2">
              <Form method="post" className="space-y-2 rounded-md border border-slate-200 p-3">
                <input type="hidden" name="type" value="SIGN" />
                <input type="hidden" name="requestId" value={item.request.id} />
                <input type="hidden" name="expectedVersion" value={item.request.version} />
                <label className="field-label" htmlFor={`comment-${item.id}`}>{t("signoff.comment")}</label>
                <input id={`comment-${item.id}`} name="comment" maxLength={2000} className="field-input" />
                <button type="submit" className="btn-primary" disabled={busy}>{t("signoff.sign")}</button>
                {actionData?.requestId === item.request.id && actionData.type === "SIGN" ? <ActionResult result={actionData} reloadHref="/signoffs" /> : null}
              </Form>
              <Form method="post" className="space-y-2 rounded-md border border-slate-200 p-3">
                <input type="hidden" name="type" value="REFUSE_SIGNOFF" />
                <input type="hidden" name="requestId" value={item.request.id} />
                <input type="hidden" name="expectedVersion" value={item.request.version} />
                <label className="field-label" htmlFor={`reason-${item.id}`}>{t("signoff.reason")}</label>
                <textarea id={`reason-${item.id}`} name="reason" required maxLength={2000} rows={2} className="field-input" />
                <button type="submit" className="btn-danger" disabled={busy}>{t("signoff.refuse")}</button>
                {actionData?.requestId === item.request.id && actionData.type !== "SIGN" ? <ActionResult result={actionData} reloadHref="/signoffs" /> : null}
              </Form>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
