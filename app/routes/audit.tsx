import { Form, Link, useSearchParams } from "react-router";
import type { Route } from "./+types/audit";
import { useT } from "~/i18n/use-t";
import { auditEventTypes, auditLogPage, auditParams, auditQuerySchema } from "~/modules/audit/audit-log.server";
import { verifyAuditChain, type AuditVerification } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/permissions.server";
import { neverKeep } from "~/utils/kept-documents.server";
import { pageLinks } from "~/utils/paging";

/** One verification at a time for the page (it reads the whole chain). */
let running: Promise<AuditVerification> | null = null;

export async function loader({ request, url, context }: Route.LoaderArgs) {
  await requirePermission(request, "audit:read", context);
  const parsed = auditQuerySchema.safeParse(auditParams(url.searchParams));
  const query = parsed.success ? parsed.data : {};
  let verification: AuditVerification | null = null;
  if (url.searchParams.get("verify") === "1") {
    neverKeep(context); // checked against the anchor file, outside the database: every time (ADR 0062)
    running ??= verifyAuditChain().finally(() => {
      running = null;
    });
    verification = await running;
  }
  const [page, types] = await Promise.all([auditLogPage(query), auditEventTypes()]);
  return { ...page, types, verification, invalid: !parsed.success };
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const { t, td, dt, n } = useT();
  const [params] = useSearchParams();
  const { items, nextCursor, types, verification } = loaderData;
  const filters = new URLSearchParams(params);
  filters.delete("cursor");
  filters.delete("verify");
  filters.delete("back");
  const unverified = new URLSearchParams(params);
  unverified.delete("verify"); // paging does not re-run the chain check
  const pages = pageLinks(unverified, nextCursor);
  const state = (s: string) => {
    const text = td(`workflow.state.${s}`);
    return text.startsWith("workflow.") ? s : text;
  };
  const withVerify = new URLSearchParams(params);
  withVerify.set("verify", "1");
  const field = (name: string, label: string, input: React.ReactNode) => (
    <div>
      <label className="field-label" htmlFor={`audit-${name}`}>
        {label}
      </label>
      {input}
    </div>
  );
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("notify.audit.title")}</h1>

      <section aria-labelledby="verify" className="card space-y-2">
        <h2 id="verify" className="text-lg font-bold">
          {t("notify.audit.verify")}
        </h2>
        {verification ? (
          <p role="status" data-testid="audit-verify" className={verification.ok ? "alert-success" : "alert-error"}>
            {verification.ok
              ? t("notify.audit.verifyOk", { events: n(verification.events), head: verification.head })
              : t("notify.audit.verifyBroken", { seq: n(verification.brokenAt), reason: verification.reason })}
          </p>
        ) : null}
        <Link to={`/audit?${withVerify}`} className="btn-secondary inline-block">
          {t("notify.audit.verifyRun")}
        </Link>
      </section>

      <Form method="get" className="card grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {field(
          "requestId",
          t("notify.audit.filterRequest"),
          <input id="audit-requestId" name="requestId" defaultValue={params.get("requestId") ?? ""} className="field-input" />,
        )}
        {field(
          "actorId",
          t("notify.audit.filterActor"),
          <input id="audit-actorId" name="actorId" defaultValue={params.get("actorId") ?? ""} className="field-input" />,
        )}
        {field(
          "type",
          t("notify.audit.filterType"),
          <select id="audit-type" name="type" defaultValue={params.get("type") ?? ""} className="field-input">
            <option value="">{t("notify.audit.anyType")}</option>
            {types.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>,
        )}
        {field(
          "from",
          t("notify.audit.filterFrom"),
          <input id="audit-from" name="from" type="date" defaultValue={params.get("from") ?? ""} className="field-input" />,
        )}
        {field("to", t("notify.audit.filterTo"), <input id="audit-to" name="to" type="date" defaultValue={params.get("to") ?? ""} className="field-input" />)}
        <div className="flex items-end gap-2">
          <button type="submit" className="btn-primary">
            {t("notify.audit.apply")}
          </button>
          <a href={`/audit/export.csv?${filters}`} className="btn-secondary" download>
            {t("notify.audit.exportCsv")}
          </a>
        </div>
      </Form>

      {items.length === 0 ? (
        <p className="card">{t("notify.audit.empty")}</p>
      ) : (
        <div className="overflow-x-auto" role="region" aria-label={t("notify.audit.title")} tabIndex={0}>
          <table className="w-full text-sm" data-testid="audit-table">
            <thead>
              <tr>
                <th className="text-left">{t("notify.audit.seq")}</th>
                <th className="text-left">{t("notify.audit.at")}</th>
                <th className="text-left">{t("notify.audit.type")}</th>
                <th className="text-left">{t("notify.audit.request")}</th>
                <th className="text-left">{t("notify.audit.actor")}</th>
                <th className="text-left">{t("notify.audit.transition")}</th>
                <th className="text-left">{t("notify.audit.payload")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.seq} data-testid="audit-row" className="border-t border-slate-200 align-top">
                  <td className="py-1 font-mono">{e.seq}</td>
                  <td className="whitespace-nowrap">{dt(e.at)}</td>
                  <td className="font-mono">{e.type}</td>
                  <td>{e.requestId ? <Link to={`/requests/${e.requestId}`}>{e.reference ?? e.requestId}</Link> : "–"}</td>
                  <td>{e.actor ? `${e.actor.name} (${e.actor.email})` : "–"}</td>
                  <td>{e.fromState || e.toState ? `${e.fromState ? state(e.fromState) : ""} → ${e.toState ? state(e.toState) : ""}` : "–"}</td>
                  <td className="max-w-md break-all font-mono text-xs">{JSON.stringify(e.payload)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("notify.audit.title")} className="flex gap-3">
        {params.get("cursor") ? <Link to={`/audit?${filters}`}>{t("notify.audit.first")}</Link> : null}
        {pages.prev ? (
          <Link to={`/audit${pages.prev}`} data-testid="audit-prev">
            {t("notify.audit.prev")}
          </Link>
        ) : null}
        {pages.next ? (
          <Link to={`/audit${pages.next}`} data-testid="audit-next">
            {t("notify.audit.next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
