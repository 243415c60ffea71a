import { getFormProps } from "@conform-to/react";
import { useEffect, useRef } from "react";
import { Form, Link, useNavigation } from "react-router";
import { ActionResult } from "~/components/action-result";
import { useRouterLinks } from "~/components/router-links";
import { ErrorList, Field, FormErrors, TextareaField, useSchemaForm } from "~/components/forms";
import type { Route } from "./+types/screening";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/permissions.server";
import { ROWS_ISLAND, SELECT_FIELD, markRefusal, rowsHtmlRefused } from "~/components/screening-rows";
import { screeningRowsHtml } from "~/components/screening-rows.server";
import { htmlIsland, useIsland } from "~/utils/prerendered";
import { bulkScreeningFormSchema, bulkScreeningSchema } from "~/modules/screening/screening.schema";
import { RETURN_REASONS } from "~/modules/screening/screening-options";
import { bulkScreen, listScreeningQueue, type BulkResult } from "~/modules/screening/screening.server";
import { forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { parseBody, readForm } from "~/utils/api.server";
import { resultFor } from "~/utils/form";
import { formAction } from "~/utils/page-action.server";
import { encodeReturnReason } from "~/modules/screening/return-reasons";

export async function loader({ request, url, context }: Route.LoaderArgs) {
  return forPage(async () => {
    const user = await requirePermission(request, "request:screen", context);
    const page = Number(url.searchParams.get("page") ?? 1);
    const [{ items, ...queue }, locale] = await Promise.all([
      listScreeningQueue({ user, page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1 }),
      pageLocale(request),
    ]);
    // the rows are HTML rendered once per kept queue page (ADR 0049), an island: they travel once, in the
    // document or in a client navigation's data (ADR 0052)
    const rows = items.length ? htmlIsland(context, ROWS_ISLAND, () => screeningRowsHtml(items, locale)) : null;
    return { ...queue, rowCount: items.length, rows };
  });
}

/**
 * The page posts the rows it showed ("id:version"), the reasons and the note (Conform, the page's
 * schema); the API's service screens each row and says how each went.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const user = await forPage(() => requirePermission(request, "request:screen", context));
  const locale = await pageLocale(request);
  let outcome: { results: BulkResult[]; failed: number } = { results: [], failed: 0 };
  const answer = await formAction({
    locale,
    formData: await readForm(request),
    schema: bulkScreeningFormSchema,
    form: "screening",
    resetForm: true,
    extra: outcome,
    work: async ({ intent, select, note, returnReasons, otherReasons }) => {
      const items = select.map((value) => {
        const [requestId, version] = value.split(":");
        return { requestId, expectedVersion: Number(version) };
      });
      const reasons = [...returnReasons.map(encodeReturnReason), ...otherReasons];
      const input = intent === "RETURN" ? { action: intent, items, reasons } : { action: intent, items, ...(note ? { note } : {}) };
      // the API's own rules too (one request once): the same service input as POST /screening/bulk
      const out = await bulkScreen({ user, locale, input: parseBody(bulkScreeningSchema, input, { sayFirstField: true }) });
      outcome = { results: out.results, failed: out.conflicts + out.refused };
      return { key: "screening.summary", params: { done: out.done, conflicts: out.conflicts, refused: out.refused } };
    },
  });
  if (!(answer instanceof Response)) Object.assign(answer.data, outcome);
  return answer;
}

function Results({ result }: { result: { message: string; results: BulkResult[]; failed: number } }) {
  const { t, td } = useT();
  const ref = useRef<HTMLDivElement>(null);
  // the answer takes focus when it appears (it is above the table; the buttons are below it)
  useEffect(() => ref.current?.focus(), [result]);
  return (
    <div
      role={result.failed ? "alert" : "status"}
      className={result.failed ? "alert-error" : "alert-success"}
      data-testid="bulk-result"
      tabIndex={-1}
      ref={ref}
    >
      <p className="font-bold">{result.message}</p>
      <h2 className="sr-only">{t("screening.resultsTitle")}</h2>
      <ul className="mt-1 space-y-0.5">
        {result.results.map((r) => (
          <li key={r.requestId} data-status={r.status}>
            <span className="font-mono text-xs">{r.reference ?? ""}</span> {r.title ?? t("screening.unknownRequest")}
            {" — "}
            <strong>{td(`screening.status.${r.status}`)}</strong>
            {r.state && r.status === "done" ? ` (${td(`workflow.state.${r.state}`)})` : ""}
            {r.status !== "done" && r.message ? `: ${r.message}` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function Screening({ loaderData, actionData }: Route.ComponentProps) {
  const { rowCount, rows, dueBusinessDays, total, overdue, page, pages } = loaderData;
  const { t, n } = useT();
  const navigation = useNavigation();
  const followLink = useRouterLinks();
  const pendingIntent = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  const formRef = useRef<HTMLFormElement>(null);
  const [form, fields] = useSchemaForm({ id: "screening", form: "screening", lastResult: resultFor(actionData, "screening") });
  // after a bulk action clear the selection and the reasons (a refused one keeps them)
  useEffect(() => {
    if (actionData?.ok) formRef.current?.reset();
  }, [actionData]);
  // the rows' checkboxes point to the form's message about the selection, when it refused one: the
  // server writes it in the rows' HTML, the browser on the rows it holds (it never renders them)
  const refusedId = fields.select.errors ? fields.select.errorId : undefined;
  const island = useIsland(ROWS_ISLAND, rows);
  const written = island.dangerouslySetInnerHTML.__html;
  const rowsHtml = refusedId && typeof document === "undefined" ? rowsHtmlRefused(written, { errorId: refusedId }) : written;
  const rowsRef = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    if (rowsRef.current) markRefusal(rowsRef.current, refusedId ? { errorId: refusedId } : undefined);
  }, [refusedId, rowsHtml]);
  const toggleAll = (checked: boolean) => {
    formRef.current?.querySelectorAll<HTMLInputElement>(`input[name="${SELECT_FIELD}"]`).forEach((box) => {
      box.checked = checked;
    });
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

      {actionData?.ok ? <Results result={actionData} /> : null}

      {rowCount === 0 ? (
        <p className="card">{t("screening.empty")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} ref={formRef} className="space-y-4">
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
                  <th scope="col" className="p-2">
                    {t("request.title")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("screening.size")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("screening.submittedOn")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("screening.waiting")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("screening.checklist")}
                  </th>
                </tr>
              </thead>
              {/* the rows' links are plain anchors, routed here: a <Link> per row cost more than the row */}
              {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions */}
              <tbody onClick={followLink} ref={rowsRef} data-island={ROWS_ISLAND} dangerouslySetInnerHTML={{ __html: rowsHtml }} />
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
            <h2 id="bulk-actions" className="text-lg font-bold">
              {t("screening.actionsTitle")}
            </h2>
            <p className="text-sm text-slate-700">{t("screening.actionsHint")}</p>
            <FormErrors form={form} />
            <ErrorList id={fields.select.errorId} errors={fields.select.errors} />
            {actionData && !actionData.ok && actionData.message ? <ActionResult result={actionData} reloadHref="/screening" /> : null}
            <div className="grid gap-4 md:grid-cols-2">
              <div className="space-y-2">
                <Field meta={fields.note} label={t("screening.note")} />
                <button type="submit" name="intent" value="ACCEPT" className="btn-primary" disabled={!!pendingIntent}>
                  {pendingIntent === "ACCEPT" ? t("screening.working") : t("screening.accept")}
                </button>
              </div>
              <fieldset className="min-w-0 space-y-1" aria-describedby={fields.returnReasons.errors ? fields.returnReasons.errorId : undefined}>
                <legend className="field-label">{t("screening.reasonsLegend")}</legend>
                {RETURN_REASONS.map((reason) => (
                  <label key={reason} className="flex items-start gap-2 text-sm">
                    <input
                      type="checkbox"
                      name={fields.returnReasons.name}
                      value={reason}
                      className="mt-1"
                      aria-invalid={fields.returnReasons.errors ? true : undefined}
                    />
                    {t(`screening.reasons.${reason}`)}
                  </label>
                ))}
                <ErrorList id={fields.returnReasons.errorId} errors={fields.returnReasons.errors} />
                <TextareaField meta={fields.otherReasons} label={t("screening.otherReasons")} className="pt-2" textareaProps={{ rows: 2 }} />
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
