import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { useEffect, useRef } from "react";
import { Form, useNavigation } from "react-router";
import { ActionResult, type ActionResultData } from "~/components/action-result";
import { ErrorList, Field, FormErrors, TextareaField, unkeyed, useSchemaForm } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { decisionFormId, MAX_CONDITIONS, OUTCOMES } from "~/modules/meetings/meeting-options";
import { useHydrated } from "~/utils/use-hydrated";

export { OUTCOMES };
const BLANK_ROWS = 3;

export interface DecisionValues {
  outcome: string;
  approvedGpus: string;
  conditions: { text: string; dueOn: string }[];
  note: string;
}

/**
 * The DECIDE form for one agenda item (Conform, `decisionFormSchema`): outcome, approved GPUs (≤ the
 * agreed count, checked by the workflow machine), conditions with due dates and a note. Without
 * JavaScript it shows three blank condition rows (blank rows are ignored); once interactive, one blank
 * row, rows are added and removed and only shown for a conditional approval. A refused value is said
 * beside its field, the machine's refusal (`said`) beside the button. In `amend` mode it is the
 * AMEND_DECISION form: filled with the recorded decision, with a required reason.
 */
export function AgendaDecisionForm({
  request,
  values,
  mode = "decide",
  lastResult,
  said,
  reloadHref,
}: {
  request: { id: string; version: number; title: string; agreedGpus: number | null };
  values?: DecisionValues | null;
  mode?: "decide" | "amend";
  lastResult?: SubmissionResult<string[]>;
  said?: ActionResultData | null;
  reloadHref: string;
}) {
  const amend = mode === "amend";
  const { t, td, n } = useT();
  const busy = useNavigation().state !== "idle";
  const hydrated = useHydrated();
  const filled = values?.conditions ?? [];
  const [form, fields] = useSchemaForm({
    id: decisionFormId(mode, request.id),
    form: "decision",
    lastResult,
    defaultValue: {
      outcome: values?.outcome,
      approvedGpus: values?.approvedGpus,
      note: values?.note,
      conditions: [...filled, ...Array.from({ length: Math.max(0, BLANK_ROWS - filled.length) }, () => ({ text: "", dueOn: "" }))],
    },
  });
  const rows = fields.conditions.getFieldList();
  // with JavaScript one blank row is enough (more can be added): trimmed once, as soon as the page is interactive
  const trimmed = useRef(false);
  useEffect(() => {
    // (not over a refused submission: its rows carry the messages, in their places)
    if (!hydrated || trimmed.current || lastResult) return;
    trimmed.current = true;
    const current = Array.isArray(fields.conditions.value) ? fields.conditions.value : [];
    const kept = current.filter((row) => typeof row === "object" && (row?.text || row?.dueOn));
    if (kept.length !== rows.length) form.update({ name: fields.conditions.name, value: kept.length > 0 ? kept : [{ text: "", dueOn: "" }] });
  }, [hydrated, form, fields.conditions, rows.length, lastResult]);
  const showConditions = !hydrated || fields.outcome.value === "approveWithConditions";
  const outcomeProps = (o: string) => unkeyed(getInputProps(fields.outcome, { type: "radio", value: o }));

  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-3"
      aria-label={`${amend ? t("workflow.event.AMEND_DECISION") : t("meeting.recordDecision")}: ${request.title}`}
      data-testid={amend ? "amend-form" : "decision-form"}
    >
      <input type="hidden" name="intent" value={mode} />
      <input type="hidden" name="requestId" value={request.id} />
      <input type="hidden" name="expectedVersion" value={request.version} />
      <FormErrors form={form} />
      <fieldset aria-describedby={fields.outcome.errors ? fields.outcome.errorId : undefined}>
        <legend className="field-label">{t("meeting.outcome")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {OUTCOMES.map((o) => (
            <label key={o} className="inline-flex items-center gap-1 text-sm">
              <input {...outcomeProps(o)} id={`${fields.outcome.id}-${o}`} />
              {td(`meeting.outcomes.${o}`)}
            </label>
          ))}
        </div>
        <ErrorList id={fields.outcome.errorId} errors={fields.outcome.errors} />
      </fieldset>
      <Field
        meta={fields.approvedGpus}
        type="number"
        label={t("meeting.approvedGpus")}
        className="max-w-xs"
        inputProps={{ inputMode: "numeric" }}
        hint={request.agreedGpus !== null ? t("meeting.approvedHint", { agreed: n(request.agreedGpus) }) : undefined}
      />
      {showConditions ? (
        <fieldset className="min-w-0 space-y-2" aria-describedby={`${fields.conditions.id}-hint`}>
          <legend className="field-label">{t("meeting.conditions")}</legend>
          <p id={`${fields.conditions.id}-hint`} className="text-xs text-slate-600">
            {t("meeting.conditionsHint")}
          </p>
          {rows.map((row, i) => {
            const cells = row.getFieldset();
            return (
              <div key={row.key} className="grid items-start gap-2 md:grid-cols-[1fr_11rem_auto]" data-testid="condition-row">
                <div className="min-w-0">
                  <label className="field-label" htmlFor={cells.text.id}>
                    {t("meeting.conditionRow", { n: i + 1 })}
                  </label>
                  <input {...unkeyed(getInputProps(cells.text, { type: "text" }))} className="field-input" />
                  <ErrorList id={cells.text.errorId} errors={cells.text.errors} />
                </div>
                <div className="min-w-0">
                  <label className="field-label" htmlFor={cells.dueOn.id}>
                    {t("meeting.conditionDue")}
                  </label>
                  <input {...unkeyed(getInputProps(cells.dueOn, { type: "date" }))} className="field-input" />
                  <ErrorList id={cells.dueOn.errorId} errors={cells.dueOn.errors} />
                </div>
                {hydrated ? (
                  <button
                    type="button"
                    className="btn-secondary md:mt-6"
                    aria-label={t("meeting.removeCondition", { n: i + 1 })}
                    onClick={() =>
                      rows.length > 1
                        ? form.remove({ name: fields.conditions.name, index: i })
                        : form.update({ name: fields.conditions.name, value: [{ text: "", dueOn: "" }] })
                    }
                  >
                    ✕
                  </button>
                ) : null}
              </div>
            );
          })}
          <ErrorList id={fields.conditions.errorId} errors={fields.conditions.errors} />
          {hydrated && rows.length < MAX_CONDITIONS ? (
            <button
              type="button"
              className="btn-secondary"
              onClick={() => form.insert({ name: fields.conditions.name, defaultValue: { text: "", dueOn: "" } })}
            >
              + {t("meeting.addCondition")}
            </button>
          ) : null}
        </fieldset>
      ) : null}
      <TextareaField meta={fields.note} label={t("meeting.note")} textareaProps={{ rows: 2 }} />
      {amend ? <TextareaField meta={fields.reason} label={t("deliberation.meeting.amend.reason")} textareaProps={{ rows: 2, required: true }} /> : null}
      {said ? <ActionResult result={said} reloadHref={reloadHref} /> : null}
      <button type="submit" className={amend ? "btn-secondary" : "btn-primary"} disabled={busy}>
        {busy ? t("common.loading") : amend ? t("deliberation.meeting.amend.submit") : t("meeting.recordDecision")}
      </button>
    </Form>
  );
}
