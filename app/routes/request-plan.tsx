import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/request-plan";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { putPlanSchema, type Milestone } from "~/modules/plans/plan.schema";
import { getPlan, planRevisions, savePlan, signPlan } from "~/modules/plans/plans.server";
import { findVisibleRequest } from "~/modules/requests/requests.server";
import { appErrorMessage, fieldErrors, readForm } from "~/utils/api.server";
import { AppError, forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return forPage(async () => {
    const found = await findVisibleRequest(user, params.id);
    const [plan, revisions] = await Promise.all([getPlan({ user, requestId: params.id }), planRevisions({ user, requestId: params.id })]);
    return { plan, revisions, request: { id: found.id, title: found.title, reference: found.reference } };
  });
}

/** The form's fields as the shared schema expects them; blank milestone rows are dropped. */
function planBodyFromForm(form: FormData) {
  const text = (name: string) => String(form.get(name) ?? "");
  const titles = form.getAll("milestoneTitle").map(String);
  const dues = form.getAll("milestoneDue").map(String);
  const milestones: Milestone[] = titles
    .map((title, i) => ({ title: title.trim(), dueOn: (dues[i] ?? "").trim() }))
    .filter((m) => m.title !== "" || m.dueOn !== "");
  const gpus = text("agreedGpus").replace(/[,\s]/g, "");
  return {
    expectedRevision: Number(text("expectedRevision")),
    techDevelopmentPlan: text("techDevelopmentPlan"),
    demonstrationPlan: text("demonstrationPlan"),
    milestones,
    kpis: text("kpis"),
    agreedGpus: gpus === "" ? null : Number(gpus),
    ministryContact: text("ministryContact"),
    msitContact: text("msitContact"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  const locale = await pageLocale(request);
  const form = await readForm(request);
  try {
    if (form.get("intent") === "sign") {
      const result = await signPlan({ user, requestId: params.id, expectedRevision: Number(form.get("expectedRevision")) });
      return { ok: true as const, message: translate(locale, "plan.signedOk", { revision: result.revision }), fields: null };
    }
    const parsed = putPlanSchema.safeParse(planBodyFromForm(form), { reportInput: true });
    if (!parsed.success) {
      return data({ ok: false as const, message: translate(locale, "error.validation"), fields: fieldErrors(parsed.error, locale) }, { status: 422 });
    }
    const { expectedRevision, ...sections } = parsed.data;
    const saved = await savePlan({ user, requestId: params.id, expectedRevision, sections });
    const key = saved.clearedSignatures.length > 0 ? "plan.savedCleared" : "plan.saved";
    return { ok: true as const, message: translate(locale, key, { revision: saved.revision }), fields: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404 || error.status === 403) throw new Response(null, { status: error.status });
    const message = appErrorMessage(error, locale);
    return data({ ok: false as const, message, fields: null }, { status: error.status });
  }
}

const BLANK_ROWS = 2;

export default function RequestPlan({ loaderData, actionData }: Route.ComponentProps) {
  const { plan, revisions, request } = loaderData;
  const { t, td, n, d, dt } = useT();
  const busy = useNavigation().state !== "idle";
  const ro = !plan.editable;
  const rows = [...plan.milestones, ...Array.from({ length: ro ? 0 : BLANK_ROWS }, () => ({ title: "", dueOn: "" }))];
  const sides = ["MINISTRY", "MSIT"] as const;
  const signatureOf = (side: string) => plan.signatures.find((s) => s.side === side);
  const sectionLabel = (key: string) => td(`plan.${key}`);
  const fieldError = (name: string) => actionData?.fields?.[name];
  const area = (name: "techDevelopmentPlan" | "demonstrationPlan" | "kpis", rowsCount: number) => (
    <div>
      <label className="field-label" htmlFor={name}>{t(`plan.${name}`)}</label>
      <textarea id={name} name={name} rows={rowsCount} maxLength={name === "kpis" ? 5000 : 10000} readOnly={ro}
        defaultValue={plan[name]} className="field-input" aria-invalid={fieldError(name) ? true : undefined} />
      {fieldError(name) ? <p className="field-error">{fieldError(name)}</p> : null}
    </div>
  );
  return (
    <article className="space-y-6" key={plan.revision}>
      <header>
        <p className="text-sm"><Link to={`/requests/${request.id}`}>← {request.reference ?? t("request.noReference")} {request.title ?? t("request.untitled")}</Link></p>
        <h1 className="page-title mt-1">{t("plan.title")}</h1>
        <p className="mt-1 text-sm text-slate-700">{t("plan.intro")}</p>
        <p className="mt-2 text-sm font-semibold" data-testid="plan-revision">
          {plan.revision > 0 ? t("plan.revision", { revision: plan.revision }) : t("plan.noRevision")}
          {plan.updatedAt ? ` · ${dt(plan.updatedAt)}` : ""}
        </p>
      </header>

      {actionData ? (
        <div role={actionData.ok ? "status" : "alert"} className={actionData.ok ? "alert-success" : "alert-error"}>
          {actionData.message}
          {actionData.fields ? (
            <ul className="ml-5 list-disc">{Object.entries(actionData.fields).map(([k, v]) => <li key={k}>{v}</li>)}</ul>
          ) : null}
        </div>
      ) : null}
      {ro ? <p className="alert-info">{t("plan.readOnly")}</p> : null}

      <section aria-labelledby="signatures" className="card">
        <h2 id="signatures" className="text-lg font-bold">{t("plan.signatures")}</h2>
        <ul className="mt-2 space-y-1 text-sm" data-testid="plan-signatures">
          {sides.map((side) => {
            const s = signatureOf(side);
            const sideName = t(`plan.side.${side}`);
            return (
              <li key={side}>
                {s ? <span className="text-green-800">✔ {t("plan.signedBy", { side: sideName, name: s.name ?? "", at: dt(s.at) })}</span>
                  : <span className="text-slate-600">○ {t("plan.notSigned", { side: sideName })}</span>}
              </li>
            );
          })}
        </ul>
        <p className={`mt-2 text-sm font-semibold ${plan.coSigned ? "text-green-800" : "text-slate-700"}`}>
          {plan.coSigned ? t("plan.coSigned") : t("plan.notCoSigned")}
        </p>
        {plan.revision > 0 ? <p className="mt-2"><a className="btn-secondary" href={`/requests/${plan.requestId}/plan.pdf`} download data-testid="plan-pdf">{t("reports.exports.planPdf")}</a></p> : null}
        {plan.editable && plan.callerSide && plan.revision > 0 && !signatureOf(plan.callerSide) ? (
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="sign" />
            <input type="hidden" name="expectedRevision" value={plan.revision} />
            <button type="submit" className="btn-primary" disabled={busy}>{t("plan.sign", { side: t(`plan.side.${plan.callerSide}`) })}</button>
          </Form>
        ) : null}
      </section>

      <Form method="post" className="space-y-4" aria-labelledby="plan-form-title">
        <h2 id="plan-form-title" className="sr-only">{t("plan.workspace")}</h2>
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="expectedRevision" value={plan.revision} />
        {area("techDevelopmentPlan", 6)}
        {area("demonstrationPlan", 6)}
        <fieldset className="card">
          <legend className="field-label px-1">{t("plan.milestones")}</legend>
          <table className="w-full text-sm">
            <thead><tr><th className="text-left">{t("plan.milestoneTitle")}</th><th className="w-48 text-left">{t("plan.milestoneDue")}</th></tr></thead>
            <tbody>
              {rows.map((m, i) => (
                <tr key={i}>
                  <td className="pr-2"><input name="milestoneTitle" aria-label={`${t("plan.milestoneTitle")} ${i + 1}`} defaultValue={m.title} maxLength={200} readOnly={ro} className="field-input" /></td>
                  <td><input name="milestoneDue" type="date" aria-label={`${t("plan.milestoneDue")} ${i + 1}`} defaultValue={m.dueOn} readOnly={ro} className="field-input" /></td>
                </tr>
              ))}
            </tbody>
          </table>
          {Object.entries(actionData?.fields ?? {}).filter(([k]) => k.startsWith("milestones")).map(([k, v]) => <p key={k} className="field-error">{v}</p>)}
        </fieldset>
        {area("kpis", 3)}
        <div className="grid gap-4 md:grid-cols-3">
          <div>
            <label className="field-label" htmlFor="agreedGpus">{t("plan.agreedGpus")}</label>
            <input id="agreedGpus" name="agreedGpus" type="number" min={1} max={10000} step={1} readOnly={ro}
              defaultValue={plan.agreedGpus ?? ""} className="field-input" aria-describedby="agreedGpus-hint" />
            <p id="agreedGpus-hint" className="text-xs text-slate-600">{plan.agreedGpus ? n(plan.agreedGpus) : ""}</p>
            {fieldError("agreedGpus") ? <p className="field-error">{fieldError("agreedGpus")}</p> : null}
          </div>
          <div>
            <label className="field-label" htmlFor="ministryContact">{t("plan.ministryContact")}</label>
            <input id="ministryContact" name="ministryContact" maxLength={200} readOnly={ro} defaultValue={plan.ministryContact} className="field-input" />
          </div>
          <div>
            <label className="field-label" htmlFor="msitContact">{t("plan.msitContact")}</label>
            <input id="msitContact" name="msitContact" maxLength={200} readOnly={ro} defaultValue={plan.msitContact} className="field-input" />
          </div>
        </div>
        {ro ? null : <button type="submit" className="btn-primary" disabled={busy}>{t("plan.save")}</button>}
      </Form>

      <section aria-labelledby="revisions">
        <h2 id="revisions" className="text-lg font-bold">{t("plan.history")}</h2>
        {revisions.length === 0 ? <p className="mt-2 text-sm">{t("plan.noRevision")}</p> : (
          <ol className="mt-2 space-y-2" data-testid="plan-revisions">
            {revisions.map((r) => (
              <li key={r.revision} className="card text-sm">
                <p><strong>{t("plan.revision", { revision: r.revision })}</strong> · {dt(r.at)} · {r.author ? `${r.author.name} (${td(`role.${r.author.role}`)})` : ""}</p>
                <p className="text-slate-700">{t("plan.changed", { fields: r.changed.map(sectionLabel).join(", ") })}</p>
                {r.content.milestones.length > 0 ? (
                  <p className="text-slate-600">{r.content.milestones.map((m) => `${m.title} (${d(m.dueOn)})`).join(" · ")}</p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
