import { Form, useNavigation } from "react-router";
import { useT } from "~/i18n/use-t";

export interface ConditionView {
  id: string;
  text: string;
  dueOn: string;
  status: string;
  version: number;
  overdue: boolean;
  evidenceNote: string | null;
  evidenceSubmittedAt: Date | string | null;
  metAt: Date | string | null;
  /** why the secretariat last sent the evidence back */
  returnedReason?: string | null;
  returnedAt?: Date | string | null;
  attachments: { id: string; name: string; size: number }[];
}

/**
 * Conditions of a conditional approval: the ministry reports evidence, the secretariat marks each
 * met (or asks for more). `canReport` / `canReview` come from the server (role and state).
 */
export function ConditionsPanel({ requestId, conditions, canReport, canReview }: { requestId: string; conditions: ConditionView[]; canReport: boolean; canReview: boolean }) {
  const { t, td, d, dt } = useT();
  const busy = useNavigation().state !== "idle";
  if (conditions.length === 0) return null;
  return (
    <section aria-labelledby="conditions" className="card space-y-3">
      <h2 id="conditions" className="text-lg font-bold">{t("condition.title")}</h2>
      <ol className="space-y-3" data-testid="conditions">
        {conditions.map((c) => (
          <li key={c.id} className="rounded-md border border-slate-200 p-3 text-sm">
            <p className="font-semibold">{c.text}</p>
            <p className="mt-1">
              <span className="rounded bg-slate-100 px-2 py-0.5" data-testid="condition-status">{td(`condition.status.${c.status}`)}</span>
              {" · "}{t("condition.due", { date: d(c.dueOn) })}
              {c.overdue ? <strong className="ml-2 text-red-700">{t("condition.overdue")}</strong> : null}
            </p>
            {c.returnedReason && (c.status === "open" || c.status === "evidenceSubmitted") ? (
              <p className="mt-2 rounded border-l-4 border-amber-500 bg-amber-50 p-2 whitespace-pre-wrap" data-testid="condition-returned">
                {t("deliberation.condition.returnedReason", { date: c.returnedAt ? dt(c.returnedAt) : "", reason: c.returnedReason })}
              </p>
            ) : null}
            {c.evidenceNote || c.attachments.length > 0 ? (
              <div className="mt-2">
                <p className="font-semibold">{t("condition.evidence")}{c.evidenceSubmittedAt ? ` · ${dt(c.evidenceSubmittedAt)}` : ""}</p>
                {c.evidenceNote ? <p className="whitespace-pre-wrap">{c.evidenceNote}</p> : null}
                {c.attachments.length > 0 ? (
                  <ul className="ml-5 list-disc">
                    {c.attachments.map((a) => <li key={a.id}><a href={`/api/v1/requests/${requestId}/attachments/${a.id}`}>{a.name}</a></li>)}
                  </ul>
                ) : null}
              </div>
            ) : null}
            {canReport && c.status === "open" ? (
              <Form method="post" encType="multipart/form-data" action={`/requests/${requestId}/attachments?conditionId=${c.id}`} className="mt-2 flex flex-wrap items-end gap-2">
                <div>
                  <label className="field-label" htmlFor={`evidence-file-${c.id}`}>{t("condition.evidenceFiles")}</label>
                  <input id={`evidence-file-${c.id}`} name="file" type="file" required className="mt-1 block text-sm"
                    accept=".pdf,.hwp,.hwpx,.docx,.xlsx,.png,.jpg,.jpeg" />
                </div>
                <button type="submit" className="btn-secondary" disabled={busy}>{t("condition.uploadEvidence")}</button>
              </Form>
            ) : null}
            {canReport && c.status === "open" ? (
              <Form method="post" className="mt-2 space-y-2">
                <input type="hidden" name="intent" value="conditionEvidence" />
                <input type="hidden" name="conditionId" value={c.id} />
                <input type="hidden" name="expectedVersion" value={c.version} />
                <label className="field-label" htmlFor={`evidence-${c.id}`}>{t("condition.evidenceNote")}</label>
                <textarea id={`evidence-${c.id}`} name="note" rows={2} maxLength={5000} className="field-input" />
                <button type="submit" className="btn-primary" disabled={busy}>{t("condition.submitEvidence")}</button>
              </Form>
            ) : null}
            {canReview && c.status !== "met" ? (
              <div className="mt-2 flex flex-wrap items-end gap-3">
                <Form method="post">
                  <input type="hidden" name="intent" value="conditionMet" />
                  <input type="hidden" name="conditionId" value={c.id} />
                  <input type="hidden" name="expectedVersion" value={c.version} />
                  <button type="submit" className="btn-primary" disabled={busy}>{t("condition.markMet")}</button>
                </Form>
                {c.status === "evidenceSubmitted" ? (
                  <Form method="post" className="flex items-end gap-2">
                    <input type="hidden" name="intent" value="conditionReturn" />
                    <input type="hidden" name="conditionId" value={c.id} />
                    <input type="hidden" name="expectedVersion" value={c.version} />
                    <div>
                      <label className="field-label" htmlFor={`return-${c.id}`}>{t("condition.returnReason")}</label>
                      <input id={`return-${c.id}`} name="reason" required maxLength={2000} className="field-input" />
                    </div>
                    <button type="submit" className="btn-secondary" disabled={busy}>{t("condition.returnEvidence")}</button>
                  </Form>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
