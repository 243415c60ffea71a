import { getFormProps, getInputProps } from "@conform-to/react";
import { Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/request-plan";
import { ActionResult } from "~/components/action-result";
import { ErrorList, Field, FormErrors, TextareaField, unkeyed, useSchemaForm } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { planFormSchema, signPlanFormSchema } from "~/modules/plans/plan.schema";
import { getPlan, planRevisions, savePlan, signPlan } from "~/modules/plans/plans.server";
import { findVisibleRequest } from "~/modules/requests/requests.server";
import { readForm } from "~/utils/api.server";
import { forPage } from "~/utils/errors";
import { replyFor, resultFor } from "~/utils/form";
import { formAction } from "~/utils/page-action.server";
import { pageLocale } from "~/utils/locale.server";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return forPage(async () => {
    const found = await findVisibleRequest(user, params.id);
    const [plan, revisions] = await Promise.all([getPlan({ user, requestId: params.id }), planRevisions({ user, requestId: params.id })]);
    return { plan, revisions, request: { id: found.id, title: found.title, reference: found.reference } };
  });
}

/** The plan page's two forms: save a new revision (the sections), sign the current one. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  const locale = await pageLocale(request);
  const form = await readForm(request);
  if (form.get("intent") === "sign") {
    return formAction({
      locale,
      formData: form,
      schema: signPlanFormSchema,
      form: "plan-sign",
      work: async ({ expectedRevision }) => {
        const result = await signPlan({ user, requestId: params.id, expectedRevision });
        return { key: "plan.signedOk", params: { revision: result.revision } };
      },
    });
  }
  return formAction({
    locale,
    formData: form,
    schema: planFormSchema,
    form: "plan",
    resetForm: true,
    work: async ({ intent: _intent, expectedRevision, ...sections }) => {
      const saved = await savePlan({ user, requestId: params.id, expectedRevision, sections });
      return { key: saved.clearedSignatures.length > 0 ? "plan.savedCleared" : "plan.saved", params: { revision: saved.revision } };
    },
  });
}

const BLANK_ROWS = 2;

export default function RequestPlan({ loaderData, actionData }: Route.ComponentProps) {
  const { plan, revisions, request } = loaderData;
  const { t, td, n, d, dt } = useT();
  const busy = useNavigation().state !== "idle";
  const ro = !plan.editable;
  const blankRows = Array.from({ length: ro ? 0 : BLANK_ROWS }, () => ({ title: "", dueOn: "" }));
  const [form, fields] = useSchemaForm({
    id: "plan",
    form: "plan",
    lastResult: resultFor(actionData, "plan"),
    defaultValue: {
      techDevelopmentPlan: plan.techDevelopmentPlan,
      demonstrationPlan: plan.demonstrationPlan,
      kpis: plan.kpis,
      milestones: [...plan.milestones, ...blankRows],
      agreedGpus: plan.agreedGpus ?? "",
      ministryContact: plan.ministryContact,
      msitContact: plan.msitContact,
    },
  });
  const [signForm] = useSchemaForm({ id: "plan-sign", form: "planSign", lastResult: resultFor(actionData, "plan-sign") });
  const saved = replyFor(actionData, "plan");
  const signed = replyFor(actionData, "plan-sign");
  const sides = ["MINISTRY", "MSIT"] as const;
  const signatureOf = (side: string) => plan.signatures.find((s) => s.side === side);
  const sectionLabel = (key: string) => td(`plan.${key}`);
  const readOnly = { readOnly: ro };
  const milestones = fields.milestones.getFieldList();
  return (
    <article className="space-y-6" key={plan.revision}>
      <header>
        <p className="text-sm">
          <Link to={`/requests/${request.id}`}>
            ← {request.reference ?? t("request.noReference")} {request.title ?? t("request.untitled")}
          </Link>
        </p>
        <h1 className="page-title mt-1">{t("plan.title")}</h1>
        <p className="mt-1 text-sm text-slate-700">{t("plan.intro")}</p>
        <p className="mt-2 text-sm font-semibold" data-testid="plan-revision">
          {plan.revision > 0 ? t("plan.revision", { revision: plan.revision }) : t("plan.noRevision")}
          {plan.updatedAt ? ` · ${dt(plan.updatedAt)}` : ""}
        </p>
      </header>

      {ro ? <p className="alert-info">{t("plan.readOnly")}</p> : null}

      <section aria-labelledby="signatures" className="card">
        <h2 id="signatures" className="text-lg font-bold">
          {t("plan.signatures")}
        </h2>
        <ul className="mt-2 space-y-1 text-sm" data-testid="plan-signatures">
          {sides.map((side) => {
            const s = signatureOf(side);
            const sideName = t(`plan.side.${side}`);
            return (
              <li key={side}>
                {s ? (
                  <span className="text-green-800">✔ {t("plan.signedBy", { side: sideName, name: s.name ?? "", at: dt(s.at) })}</span>
                ) : (
                  <span className="text-slate-600">○ {t("plan.notSigned", { side: sideName })}</span>
                )}
              </li>
            );
          })}
        </ul>
        <p className={`mt-2 text-sm font-semibold ${plan.coSigned ? "text-green-800" : "text-slate-700"}`}>
          {plan.coSigned ? t("plan.coSigned") : t("plan.notCoSigned")}
        </p>
        {plan.revision > 0 ? (
          <p className="mt-2">
            <a className="btn-secondary" href={`/requests/${plan.requestId}/plan.pdf`} download data-testid="plan-pdf">
              {t("reports.exports.planPdf")}
            </a>
          </p>
        ) : null}
        {plan.editable && plan.callerSide && plan.revision > 0 && !signatureOf(plan.callerSide) ? (
          <Form method="post" {...getFormProps(signForm)} className="mt-3 space-y-2">
            <input type="hidden" name="intent" value="sign" />
            <input type="hidden" name="expectedRevision" value={plan.revision} />
            <FormErrors form={signForm} />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("plan.sign", { side: t(`plan.side.${plan.callerSide}`) })}
            </button>
          </Form>
        ) : null}
        {signed ? <ActionResult result={signed} reloadHref={`/requests/${request.id}/plan`} className="mt-3" /> : null}
      </section>

      <Form method="post" {...getFormProps(form)} className="space-y-4" aria-labelledby="plan-form-title">
        <h2 id="plan-form-title" className="sr-only">
          {t("plan.workspace")}
        </h2>
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="expectedRevision" value={plan.revision} />
        <FormErrors form={form} />
        <TextareaField meta={fields.techDevelopmentPlan} label={t("plan.techDevelopmentPlan")} textareaProps={{ rows: 6, ...readOnly }} />
        <TextareaField meta={fields.demonstrationPlan} label={t("plan.demonstrationPlan")} textareaProps={{ rows: 6, ...readOnly }} />
        <fieldset className="card min-w-0">
          <legend className="field-label px-1">{t("plan.milestones")}</legend>
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th className="text-left">{t("plan.milestoneTitle")}</th>
                <th className="w-40 text-left sm:w-48">{t("plan.milestoneDue")}</th>
              </tr>
            </thead>
            <tbody>
              {milestones.map((row, i) => {
                const cells = row.getFieldset();
                return (
                  <tr key={row.key} className="align-top">
                    <td className="pr-2">
                      <input
                        {...unkeyed(getInputProps(cells.title, { type: "text" }))}
                        aria-label={`${t("plan.milestoneTitle")} ${i + 1}`}
                        {...readOnly}
                        className="field-input"
                      />
                      <ErrorList id={cells.title.errorId} errors={cells.title.errors} />
                    </td>
                    <td>
                      <input
                        {...unkeyed(getInputProps(cells.dueOn, { type: "date" }))}
                        aria-label={`${t("plan.milestoneDue")} ${i + 1}`}
                        {...readOnly}
                        className="field-input"
                      />
                      <ErrorList id={cells.dueOn.errorId} errors={cells.dueOn.errors} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <ErrorList id={fields.milestones.errorId} errors={fields.milestones.errors} />
        </fieldset>
        <TextareaField meta={fields.kpis} label={t("plan.kpis")} textareaProps={{ rows: 3, ...readOnly }} />
        <div className="grid gap-4 md:grid-cols-3">
          <Field
            meta={fields.agreedGpus}
            type="number"
            label={t("plan.agreedGpus")}
            hint={plan.agreedGpus ? n(plan.agreedGpus) : undefined}
            inputProps={{ inputMode: "numeric", ...readOnly }}
          />
          <Field meta={fields.ministryContact} label={t("plan.ministryContact")} inputProps={readOnly} />
          <Field meta={fields.msitContact} label={t("plan.msitContact")} inputProps={readOnly} />
        </div>
        {ro ? null : (
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("plan.save")}
          </button>
        )}
        {saved ? <ActionResult result={saved} reloadHref={`/requests/${request.id}/plan`} /> : null}
      </Form>

      <section aria-labelledby="revisions">
        <h2 id="revisions" className="text-lg font-bold">
          {t("plan.history")}
        </h2>
        {revisions.length === 0 ? (
          <p className="mt-2 text-sm">{t("plan.noRevision")}</p>
        ) : (
          <ol className="mt-2 space-y-2" data-testid="plan-revisions">
            {revisions.map((r) => (
              <li key={r.revision} className="card text-sm">
                <p>
                  <strong>{t("plan.revision", { revision: r.revision })}</strong> · {dt(r.at)} ·{" "}
                  {r.author ? `${r.author.name} (${td(`role.${r.author.role}`)})` : ""}
                </p>
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
