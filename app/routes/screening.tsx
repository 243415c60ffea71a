import { useEffect, useRef } from "react";
import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/screening";
import type { MessageParams } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/permissions.server";
import type { CheckResult } from "~/modules/screening/checklist";
import { RETURN_REASONS, bulkScreeningSchema } from "~/modules/screening/screening.schema";
import { bulkScreen, listScreeningQueue, type BulkResult } from "~/modules/screening/screening.server";
import { forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { fieldErrors, readForm } from "~/utils/api.server";
import { encodeReturnReason } from "~/modules/screening/return-reasons";

export async function loader({ request, context }: Route.LoaderArgs) {
  return forPage(async () => {
    const user = await requirePermission(request, "request:screen", context);
    const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
    return listScreeningQueue({ user, page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1 });
  });
}

type ActionResult =
  | { ok: false; message: string }
  | { ok: true; message: string; results: BulkResult[]; failed: number };

/** The page posts the rows it showed ("id:version") and the chosen reasons; the API's schema checks the rest. */
export async function action({ request, context }: Route.ActionArgs) {
  const user = await forPage(() => requirePermission(request, "request:screen", context));
  const locale = await pageLocale(request);
  const form = await readForm(request);
  const fail = (key: "screening.noneSelected" | "screening.reasonsRequired" | "error.validation") =>
    data<ActionResult>({ ok: false, message: translate(locale, key) }, { status: 422 });
  const items = form.getAll("select").map(String).map((value) => {
    const [requestId, version] = value.split(":");
    return { requestId, expectedVersion: Number(version) };
  });
  if (items.length === 0) return fail("screening.noneSelected");
  const action = String(form.get("intent"));
  const reasons = [
    ...form.getAll("reason").map(String).filter((r) => (RETURN_REASONS as readonly string[]).includes(r))
      .map((r) => encodeReturnReason(r as (typeof RETURN_REASONS)[number])),
    ...String(form.get("otherReasons") ?? "").split("\n").map((s) => s.trim()).filter(Boolean),
  ];
  if (action === "RETURN" && reasons.length === 0) return fail("screening.reasonsRequired");
  const note = String(form.get("note") ?? "").trim();
  const parsed = bulkScreeningSchema.safeParse({
    action, items, ...(action === "RETURN" ? { reasons } : {}), ...(action === "ACCEPT" && note ? { note } : {}),
  }, { reportInput: true });
  if (!parsed.success) {
    return data<ActionResult>({ ok: false, message: Object.values(fieldErrors(parsed.error, locale))[0] ?? translate(locale, "error.validation") }, { status: 422 });
  }
  const out = await forPage(() => bulkScreen({ user, locale, input: parsed.data }));
  return data<ActionResult>({
    ok: true,
    message: translate(locale, "screening.summary", { done: out.done, conflicts: out.conflicts, refused: out.refused }),
    results: out.results,
    failed: out.conflicts + out.refused,
  });
}

function useFormatParams() {
  const { n } = useT();
  return (params?: MessageParams) =>
    params && Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" && k !== "months" ? n(v) : v]));
}

function Checklist({ checks }: { checks: CheckResult[] }) {
  const { t, td } = useT();
  const fmt = useFormatParams();
  return (
    <ul className="space-y-0.5 text-xs" data-testid="checklist">
      {checks.map((c) => (
        <li key={c.key} className={c.ok ? "text-slate-700" : "font-semibold text-red-800"} data-check={c.key} data-ok={c.ok}>
          <span aria-hidden="true">{c.ok ? "✓ " : "✗ "}</span>
          {td(`screening.check.${c.key}`)}
          <span className="sr-only"> ({c.ok ? t("screening.checkPass") : t("screening.checkFail")})</span>
          {c.missing?.length ? `: ${c.missing.map((f) => td(`request.form.${f}`)).join(", ")}`
            : c.detail ? `: ${td(c.detail.key, fmt(c.detail.params))}` : null}
        </li>
      ))}
    </ul>
  );
}

function Results({ result }: { result: Extract<ActionResult, { ok: true }> }) {
  const { t, td } = useT();
  return (
    <div role={result.failed ? "alert" : "status"} className={result.failed ? "alert-error" : "alert-success"} data-testid="bulk-result">
      <p className="font-bold">{result.message}</p>
      <h2 className="sr-only">{t("screening.resultsTitle")}</h2>
      <ul className="mt-1 space-y-0.5">
        {result.results.map((r) => (
          <li key={r.requestId} data-status={r.status}>
            <span className="font-mono text-xs">{r.reference ?? ""}</span> {r.title ?? t("screening.unknownRequest")}
            {" — "}<strong>{td(`screening.status.${r.status}`)}</strong>
            {r.state && r.status === "done" ? ` (${td(`workflow.state.${r.state}`)})` : ""}
            {r.status !== "done" && r.message ? `: ${r.message}` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function Screening({ loaderData, actionData }: Route.ComponentProps) {
  const { items, dueBusinessDays, total, overdue, page, pages } = loaderData;
  const { t, td, n, d, locale } = useT();
  const navigation = useNavigation();
  const pendingIntent = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  const formRef = useRef<HTMLFormElement>(null);
  // after a bulk action clear the selection and the reasons (a failed validation keeps them)
  useEffect(() => {
    if (actionData?.ok) formRef.current?.reset();
  }, [actionData]);
  const toggleAll = (checked: boolean) => {
    formRef.current?.querySelectorAll<HTMLInputElement>('input[name="select"]').forEach((box) => { box.checked = checked; });
  };
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("screening.title")}</h1>
        <p className="mt-1 text-sm text-slate-700">{t("screening.intro", { days: n(dueBusinessDays) })}</p>
        <p className="mt-1 flex gap-2 text-sm">
          <span className="badge bg-gov-100 text-gov-900">{t("screening.count", { count: n(total) })}</span>
          {overdue ? <span className="badge bg-red-100 text-red-800">{t("screening.overdueCount", { count: n(overdue) })}</span> : null}
        </p>
      </header>

      {actionData ? (actionData.ok ? <Results result={actionData} /> : <div role="alert" className="alert-error">{actionData.message}</div>) : null}

      {items.length === 0 ? <p className="card">{t("screening.empty")}</p> : (
        <Form method="post" ref={formRef} className="space-y-4">
          <div className="overflow-x-auto" role="region" aria-label={t("screening.title")} tabIndex={0}>
            <table className="stack-table w-full border-collapse bg-white text-sm" data-testid="screening-queue">
              <caption className="sr-only">{t("screening.title")}</caption>
              <thead>
                <tr className="border-b-2 border-slate-300 text-left align-bottom">
                  <th scope="col" className="p-2">
                    <label className="flex items-center gap-1 text-xs font-normal">
                      <input type="checkbox" onChange={(e) => toggleAll(e.currentTarget.checked)} />
                      {t("screening.selectAll")}
                    </label>
                  </th>
                  <th scope="col" className="p-2">{t("request.title")}</th>
                  <th scope="col" className="p-2">{t("screening.size")}</th>
                  <th scope="col" className="p-2">{t("screening.submittedOn")}</th>
                  <th scope="col" className="p-2">{t("screening.waiting")}</th>
                  <th scope="col" className="p-2">{t("screening.checklist")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => {
                  const title = r.title ?? t("request.untitled");
                  return (
                    <tr key={r.id} className={`border-b border-slate-200 align-top ${r.overdue ? "bg-red-50" : ""}`} data-testid="screening-row" data-overdue={r.overdue}>
                      <td className="p-2">
                        <input type="checkbox" name="select" value={`${r.id}:${r.version}`} aria-label={t("screening.selectRow", { title })} className="h-4 w-4" />
                      </td>
                      <td className="p-2" data-label={t("request.title")}>
                        <p className="font-mono text-xs text-slate-600">{r.reference ?? t("request.noReference")}</p>
                        <Link to={`/requests/${r.id}`}>{title}</Link>
                        <p className="text-xs text-slate-600">
                          {locale === "ko" ? r.ministry.name : r.ministry.nameEn}
                          {r.sector ? ` · ${td(`request.sectors.${r.sector}`)}` : ""}
                        </p>
                      </td>
                      <td className="whitespace-nowrap p-2" data-label={t("screening.size")}>
                        {r.gpusRequested !== null && r.durationMonths !== null
                          ? t("screening.sizeValue", { gpus: n(r.gpusRequested), months: r.durationMonths }) : "–"}
                      </td>
                      <td className="whitespace-nowrap p-2" data-label={t("screening.submittedOn")}>{d(r.submittedOn)}</td>
                      <td className="whitespace-nowrap p-2" data-label={t("screening.waiting")}>
                        <p>{t("screening.waitingDays", { days: n(r.businessDaysWaiting) })}</p>
                        {r.overdue
                          ? <p><span className="badge bg-red-700 text-white" data-testid="overdue">{t("screening.overdue")}</span></p>
                          : <p className="text-xs text-slate-600">{t("screening.dueOn", { date: d(r.dueOn) })}</p>}
                      </td>
                      <td className="p-2" data-label={t("screening.checklist")}>
                        <p className={`mb-1 text-xs font-bold ${r.checklist.ok ? "text-green-800" : "text-red-800"}`}>
                          {r.checklist.ok ? t("screening.allPassed") : t("screening.needsLook", { count: r.checklist.checks.filter((c) => !c.ok).length })}
                        </p>
                        <Checklist checks={r.checklist.checks} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav aria-label={t("screening.pagesLabel")} className="flex items-center gap-4 text-sm" data-testid="screening-pages">
              {page > 1 ? <Link to={page === 2 ? "/screening" : `/screening?page=${page - 1}`}>← {t("screening.prevPage")}</Link> : null}
              <span>{t("screening.pageOf", { page: n(page), pages: n(pages) })}</span>
              {page < pages ? <Link to={`/screening?page=${page + 1}`}>{t("screening.nextPage")} →</Link> : null}
            </nav>
          ) : null}

          <section aria-labelledby="bulk-actions" className="card space-y-3">
            <h2 id="bulk-actions" className="text-lg font-bold">{t("screening.actionsTitle")}</h2>
            <p className="text-sm text-slate-700">{t("screening.actionsHint")}</p>
            <div className="grid gap-4 md:grid-cols-2">
              <div className="space-y-2">
                <label className="field-label" htmlFor="note">{t("screening.note")}</label>
                <input id="note" name="note" maxLength={2000} className="field-input" />
                <button type="submit" name="intent" value="ACCEPT" className="btn-primary" disabled={!!pendingIntent}>
                  {pendingIntent === "ACCEPT" ? t("screening.working") : t("screening.accept")}
                </button>
              </div>
              <fieldset className="space-y-1">
                <legend className="field-label">{t("screening.reasonsLegend")}</legend>
                {RETURN_REASONS.map((reason) => (
                  <label key={reason} className="flex items-start gap-2 text-sm">
                    <input type="checkbox" name="reason" value={reason} className="mt-1" />
                    {t(`screening.reasons.${reason}`)}
                  </label>
                ))}
                <label className="field-label pt-2" htmlFor="otherReasons">{t("screening.otherReasons")}</label>
                <textarea id="otherReasons" name="otherReasons" rows={2} maxLength={2000} className="field-input" />
                <button type="submit" name="intent" value="RETURN" className="btn-danger mt-2" disabled={!!pendingIntent}>
                  {pendingIntent === "RETURN" ? t("screening.working") : t("screening.return")}
                </button>
              </fieldset>
            </div>
            <details className="text-xs text-slate-700">
              <summary className="cursor-pointer">{t("screening.ruleTitle")}</summary>
              <p className="mt-1">{t("screening.rule")}</p>
            </details>
          </section>
        </Form>
      )}
    </div>
  );
}
