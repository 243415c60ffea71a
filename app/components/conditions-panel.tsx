import { getFormProps, getInputProps } from "@conform-to/react";
import { useMemo } from "react";
import { Form, useNavigation, useSearchParams } from "react-router";
import { ActionResult, type ActionResultData } from "~/components/action-result";
import { ErrorList, Field, FormErrors, TextareaField, unkeyed, useSchemaForm } from "~/components/forms";
import { conditionFormId } from "~/modules/conditions/condition-options";
import { replyFor, resultFor } from "~/utils/form";
import { useT } from "~/i18n/use-t";

const ACCEPT = ".pdf,.hwp,.hwpx,.docx,.xlsx,.png,.jpg,.jpeg";

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

/** Why an evidence upload was refused (the address carries it back from /requests/:id/attachments). */
export const UPLOAD_ERRORS = ["tooLarge", "unsupportedType", "tooMany", "notEditable", "evidenceClosed", "noFile", "notMultipart"] as const;

type Limits = { mb: number; max: number; types: string };

/**
 * Conditions of a conditional approval: the ministry reports evidence, the secretariat marks each
 * met (or asks for more). `canReport` / `canReview` come from the server (role and state). Each answer
 * is said beside the condition it is about.
 */
export function ConditionsPanel({
  requestId,
  conditions,
  canReport,
  canReview,
  answer,
  limits,
}: {
  requestId: string;
  conditions: ConditionView[];
  canReport: boolean;
  canReview: boolean;
  /** the page's action answer (a condition form's when it names a condition) */
  answer: unknown;
  limits: Limits;
}) {
  const { t } = useT();
  if (conditions.length === 0) return null;
  return (
    <section id="conditions" aria-labelledby="conditions-title" className="card space-y-3">
      <h2 id="conditions-title" className="text-lg font-bold">
        {t("condition.title")}
      </h2>
      <ol className="space-y-3" data-testid="conditions">
        {conditions.map((c) => (
          <ConditionItem key={c.id} requestId={requestId} condition={c} canReport={canReport} canReview={canReview} answer={answer} limits={limits} />
        ))}
      </ol>
    </section>
  );
}

function ConditionItem({
  requestId,
  condition: c,
  canReport,
  canReview,
  answer,
  limits,
}: {
  requestId: string;
  condition: ConditionView;
  canReport: boolean;
  canReview: boolean;
  answer: unknown;
  limits: Limits;
}) {
  const { t, td, d, dt } = useT();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const ids = {
    evidence: conditionFormId("conditionEvidence", c.id),
    back: conditionFormId("conditionReturn", c.id),
    met: conditionFormId("conditionMet", c.id),
    upload: conditionFormId("upload", c.id),
  };
  const [evidenceForm, evidenceFields] = useSchemaForm({ id: ids.evidence, form: "conditionEvidence", lastResult: resultFor(answer, ids.evidence) });
  const [returnForm, returnFields] = useSchemaForm({ id: ids.back, form: "conditionReturn", lastResult: resultFor(answer, ids.back) });
  const [metForm] = useSchemaForm({ id: ids.met, form: "conditionMet", lastResult: resultFor(answer, ids.met) });
  // an upload answers through the address (it redirects back here): its refusal goes beside the file field
  const uploadedHere = params.get("conditionId") === c.id;
  const uploadError = uploadedHere ? UPLOAD_ERRORS.find((key) => key === params.get("attachError")) : undefined;
  const uploadMessage = uploadError ? td(`attachment.error.${uploadError}`, limits) : null;
  // one object per message: Conform reports (and focuses) a result when its identity changes
  const uploadResult = useMemo(() => (uploadMessage ? { status: "error" as const, error: { file: [uploadMessage] } } : undefined), [uploadMessage]);
  const [uploadForm, uploadFields] = useSchemaForm({ id: ids.upload, form: "conditionUpload", lastResult: uploadResult });
  const uploaded = uploadedHere && params.get("attached") ? { ok: true, message: t("attachment.uploaded", { name: params.get("attached")! }) } : null;
  const said = [ids.evidence, ids.back, ids.met].map((id) => replyFor(answer as { message?: string } | null, id)).find(Boolean) as ActionResultData | undefined;
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="conditionId" value={c.id} />
      <input type="hidden" name="expectedVersion" value={c.version} />
    </>
  );
  return (
    <li className="rounded-md border border-slate-200 p-3 text-sm" data-testid="condition">
      <p className="font-semibold">{c.text}</p>
      <p className="mt-1">
        <span className="rounded bg-slate-100 px-2 py-0.5" data-testid="condition-status">
          {td(`condition.status.${c.status}`)}
        </span>
        {" · "}
        {t("condition.due", { date: d(c.dueOn) })}
        {c.overdue ? <strong className="ml-2 text-red-700">{t("condition.overdue")}</strong> : null}
      </p>
      {c.returnedReason && (c.status === "open" || c.status === "evidenceSubmitted") ? (
        <p className="mt-2 rounded border-l-4 border-amber-500 bg-amber-50 p-2 whitespace-pre-wrap" data-testid="condition-returned">
          {t("deliberation.condition.returnedReason", { date: c.returnedAt ? dt(c.returnedAt) : "", reason: c.returnedReason })}
        </p>
      ) : null}
      {c.evidenceNote || c.attachments.length > 0 ? (
        <div className="mt-2">
          <p className="font-semibold">
            {t("condition.evidence")}
            {c.evidenceSubmittedAt ? ` · ${dt(c.evidenceSubmittedAt)}` : ""}
          </p>
          {c.evidenceNote ? <p className="whitespace-pre-wrap">{c.evidenceNote}</p> : null}
          {c.attachments.length > 0 ? (
            <ul className="ml-5 list-disc">
              {c.attachments.map((a) => (
                <li key={a.id}>
                  <a href={`/api/v1/requests/${requestId}/attachments/${a.id}`}>{a.name}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {canReport && c.status === "open" ? (
        <Form
          method="post"
          encType="multipart/form-data"
          action={`/requests/${requestId}/attachments?conditionId=${c.id}`}
          {...getFormProps(uploadForm)}
          className="mt-2 space-y-2"
        >
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-0">
              <label className="field-label" htmlFor={uploadFields.file.id}>
                {t("condition.evidenceFiles")}
              </label>
              <input {...unkeyed(getInputProps(uploadFields.file, { type: "file" }))} className="mt-1 block max-w-full text-sm" accept={ACCEPT} />
            </div>
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t("condition.uploadEvidence")}
            </button>
          </div>
          <ErrorList id={uploadFields.file.errorId} errors={uploadFields.file.errors} />
          {uploaded ? <ActionResult result={uploaded} clearParam="attached" /> : null}
        </Form>
      ) : null}
      {canReport && c.status === "open" ? (
        <Form method="post" {...getFormProps(evidenceForm)} className="mt-2 space-y-2">
          {hidden("conditionEvidence")}
          <FormErrors form={evidenceForm} />
          <TextareaField meta={evidenceFields.note} label={t("condition.evidenceNote")} textareaProps={{ rows: 2 }} />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("condition.submitEvidence")}
          </button>
        </Form>
      ) : null}
      {canReview && c.status !== "met" ? (
        <div className="mt-2 flex flex-wrap items-end gap-3">
          <Form method="post" {...getFormProps(metForm)}>
            {hidden("conditionMet")}
            <FormErrors form={metForm} />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("condition.markMet")}
            </button>
          </Form>
          {c.status === "evidenceSubmitted" ? (
            <Form method="post" {...getFormProps(returnForm)} className="flex flex-wrap items-end gap-2">
              {hidden("conditionReturn")}
              <FormErrors form={returnForm} />
              <Field meta={returnFields.reason} label={t("condition.returnReason")} />
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("condition.returnEvidence")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {said ? <ActionResult result={said} reloadHref={`/requests/${requestId}#conditions`} className="mt-2" /> : null}
    </li>
  );
}
