import { useRef, useState } from "react";
import { useHydrated } from "~/utils/use-hydrated";
import { Form, useNavigation } from "react-router";
import { useT } from "~/i18n/use-t";

export const OUTCOMES = ["approve", "approveWithConditions", "defer", "reject"] as const;
const BLANK_ROWS = 3;

export interface DecisionValues {
  outcome: string;
  approvedGpus: string;
  conditions: { text: string; dueOn: string }[];
  note: string;
  /** why an amendment changes the recorded decision (amend mode only) */
  reason?: string;
}

type Row = { key: number; text: string; dueOn: string };

/**
 * The DECIDE form for one agenda item: outcome, approved GPUs (≤ the agreed count, checked by the
 * workflow machine), conditions with due dates and a note. Without JavaScript it shows three blank
 * condition rows; once interactive, rows are added and removed and only shown for a conditional
 * approval. `error` is the server's refusal for this item, shown inline. In `amend` mode it is the
 * AMEND_DECISION form: filled with the recorded decision, with a required reason.
 */
export function AgendaDecisionForm({ request, error, values, mode = "decide" }: {
  request: { id: string; version: number; title: string; agreedGpus: number | null };
  error?: string | null;
  values?: DecisionValues | null;
  mode?: "decide" | "amend";
}) {
  const amend = mode === "amend";
  const { t, td, n } = useT();
  const busy = useNavigation().state !== "idle";
  const hydrated = useHydrated();
  const [outcome, setOutcome] = useState(values?.outcome ?? "");
  const initial = values?.conditions ?? [];
  const [rows, setRows] = useState<Row[]>(() =>
    [...initial, ...Array.from({ length: Math.max(0, BLANK_ROWS - initial.length) }, () => ({ text: "", dueOn: "" }))].map((r, key) => ({ key, ...r })),
  );
  const nextKey = useRef(BLANK_ROWS + initial.length);
  const blankRow = (): Row => ({ key: nextKey.current++, text: "", dueOn: "" });
  // with JavaScript, one blank row is enough: more can be added (once, as soon as the page is hydrated)
  const [trimmed, setTrimmed] = useState(false);
  if (hydrated && !trimmed) {
    setTrimmed(true);
    const filled = rows.filter((r) => r.text || r.dueOn);
    setRows(filled.length > 0 ? filled : rows.slice(0, 1));
  }
  const id = (name: string) => `${amend ? "amend-" : ""}${name}-${request.id}`;
  const showConditions = !hydrated || outcome === "approveWithConditions";
  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <Form method="post" className="space-y-3" aria-label={`${amend ? t("workflow.event.AMEND_DECISION") : t("meeting.recordDecision")}: ${request.title}`}
      data-testid={amend ? "amend-form" : "decision-form"}>
      <input type="hidden" name="intent" value={mode} />
      <input type="hidden" name="requestId" value={request.id} />
      <input type="hidden" name="expectedVersion" value={request.version} />
      <fieldset>
        <legend className="field-label">{t("meeting.outcome")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {OUTCOMES.map((o) => (
            <label key={o} className="inline-flex items-center gap-1 text-sm">
              <input type="radio" name="outcome" value={o} required checked={outcome === o} onChange={() => setOutcome(o)} id={id(`outcome-${o}`)} />
              {td(`meeting.outcomes.${o}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="max-w-xs">
        <label className="field-label" htmlFor={id("approvedGpus")}>{t("meeting.approvedGpus")}</label>
        <input id={id("approvedGpus")} name="approvedGpus" type="number" min={0} step={1} inputMode="numeric" required
          defaultValue={values?.approvedGpus ?? ""} className="field-input" aria-describedby={request.agreedGpus !== null ? id("approvedHint") : undefined} />
        {request.agreedGpus !== null ? <p id={id("approvedHint")} className="mt-1 text-xs text-slate-600">{t("meeting.approvedHint", { agreed: n(request.agreedGpus) })}</p> : null}
      </div>
      {showConditions ? (
        <fieldset className="space-y-2" aria-describedby={id("conditionsHint")}>
          <legend className="field-label">{t("meeting.conditions")}</legend>
          <p id={id("conditionsHint")} className="text-xs text-slate-600">{t("meeting.conditionsHint")}</p>
          {rows.map((row, i) => (
            <div key={row.key} className="grid items-end gap-2 md:grid-cols-[1fr_11rem_auto]" data-testid="condition-row">
              <div>
                <label className="field-label" htmlFor={id(`conditionText-${row.key}`)}>{t("meeting.conditionRow", { n: i + 1 })}</label>
                <input id={id(`conditionText-${row.key}`)} name="conditionText" maxLength={1000} className="field-input"
                  value={row.text} onChange={(e) => update(row.key, { text: e.target.value })} />
              </div>
              <div>
                <label className="field-label" htmlFor={id(`conditionDue-${row.key}`)}>{t("meeting.conditionDue")}</label>
                <input id={id(`conditionDue-${row.key}`)} name="conditionDue" type="date" className="field-input"
                  value={row.dueOn} onChange={(e) => update(row.key, { dueOn: e.target.value })} />
              </div>
              {hydrated ? (
                <button type="button" className="btn-secondary" aria-label={t("meeting.removeCondition", { n: i + 1 })}
                  onClick={() => setRows((rs) => (rs.length > 1 ? rs.filter((r) => r.key !== row.key) : [blankRow()]))}>
                  ✕
                </button>
              ) : null}
            </div>
          ))}
          {hydrated && rows.length < 20 ? (
            <button type="button" className="btn-secondary" onClick={() => { const row = blankRow(); setRows((rs) => [...rs, row]); }}>
              + {t("meeting.addCondition")}
            </button>
          ) : null}
        </fieldset>
      ) : null}
      <div>
        <label className="field-label" htmlFor={id("note")}>{t("meeting.note")}</label>
        <textarea id={id("note")} name="note" rows={2} maxLength={2000} defaultValue={values?.note ?? ""} className="field-input" />
      </div>
      {amend ? (
        <div>
          <label className="field-label" htmlFor={id("reason")}>{t("deliberation.meeting.amend.reason")}</label>
          <textarea id={id("reason")} name="reason" rows={2} required maxLength={2000} defaultValue={values?.reason ?? ""} className="field-input" />
        </div>
      ) : null}
      {error ? <div role="alert" className="alert-error">{error}</div> : null}
      <button type="submit" className={amend ? "btn-secondary" : "btn-primary"} disabled={busy}>
        {busy ? t("common.loading") : amend ? t("deliberation.meeting.amend.submit") : t("meeting.recordDecision")}
      </button>
    </Form>
  );
}
