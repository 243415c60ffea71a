import { Form, useNavigation } from "react-router";
import { useT } from "~/i18n/use-t";
import { AI_WORK, DATA_READINESS, DOMAINS, SECTORS } from "~/modules/requests/request.schema";

export type FormValues = Record<string, string | number | boolean | null | undefined>;

/** The intake form, shared by "new" and "edit". Works without JavaScript; the server validates. */
export function RequestForm({ values, errors, version }: { values: FormValues; errors?: Record<string, string>; version?: number }) {
  const { t, td } = useT();
  const busy = useNavigation().state !== "idle";
  const v = (k: string) => (values[k] === null || values[k] === undefined ? "" : String(values[k]));
  const err = (k: string) => errors?.[k];
  const described = (k: string) => (err(k) ? { "aria-invalid": true, "aria-describedby": `${k}-error` } : {});
  const Error = ({ k }: { k: string }) => (err(k) ? <p id={`${k}-error`} className="field-error">{err(k)}</p> : null);
  const label = (k: string) => td(`request.form.${k}`);
  const text = (k: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div>
      <label htmlFor={k} className="field-label">{label(k)}</label>
      <input id={k} name={k} defaultValue={v(k)} className="field-input" {...described(k)} {...props} />
      <Error k={k} />
    </div>
  );
  const select = (k: string, options: readonly string[], prefix: string) => (
    <div>
      <label htmlFor={k} className="field-label">{label(k)}</label>
      <select id={k} name={k} defaultValue={v(k)} className="field-input" {...described(k)}>
        <option value="">{t("request.form.choose")}</option>
        {options.map((o) => <option key={o} value={o}>{td(`${prefix}.${o}`)}</option>)}
      </select>
      <Error k={k} />
    </div>
  );
  const area = (k: string, max: number) => (
    <div className="md:col-span-2">
      <label htmlFor={k} className="field-label">{label(k)}</label>
      <textarea id={k} name={k} defaultValue={v(k)} maxLength={max} rows={4} className="field-input" {...described(k)} />
      <Error k={k} />
    </div>
  );
  const radios = (k: string, options: { value: string; label: string }[]) => (
    <fieldset>
      <legend className="field-label">{label(k)}</legend>
      <div className="mt-1 flex gap-4">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-1 text-sm">
            <input type="radio" name={k} value={o.value} defaultChecked={v(k) === o.value} /> {o.label}
          </label>
        ))}
      </div>
      <Error k={k} />
    </fieldset>
  );
  return (
    <Form method="post" className="card mt-4 grid gap-4 md:grid-cols-2" noValidate={false}>
      {version ? <input type="hidden" name="expectedVersion" value={version} /> : null}
      <div className="md:col-span-2">{text("title", { maxLength: 200, minLength: 5 })}</div>
      {select("domain", DOMAINS, "request.domains")}
      {select("sector", SECTORS, "request.sectors")}
      {area("problemStatement", 5000)}
      {select("aiWork", AI_WORK, "request.form.aiWorks")}
      {text("gpusRequested", { type: "number", min: 1, max: 10000, step: 1, inputMode: "numeric" })}
      {text("desiredStartMonth", { type: "month" })}
      {text("durationMonths", { type: "number", min: 1, max: 60, step: 1 })}
      {radios("dataReadiness", DATA_READINESS.map((r) => ({ value: r, label: td(`request.form.readiness.${r}`) })))}
      {radios("npuCapable", [{ value: "true", label: t("common.yes") }, { value: "false", label: t("common.no") }])}
      {area("expectedOutcomes", 3000)}
      {text("budgetKrw", { type: "number", min: 0, step: 1 })}
      {text("contactName", { maxLength: 100 })}
      {text("contactEmail", { type: "email", maxLength: 200 })}
      <div className="flex gap-2 md:col-span-2">
        <button type="submit" name="intent" value="save" className="btn-secondary" disabled={busy}>{busy ? t("request.form.saving") : t("request.form.saveDraft")}</button>
        <button type="submit" name="intent" value="submit" className="btn-primary" disabled={busy}>{t("request.form.saveAndSubmit")}</button>
      </div>
    </Form>
  );
}
