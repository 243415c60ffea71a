import { getFormProps, getInputProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "react-router";
import { ErrorList, Field, SelectField, TextareaField, unkeyed, useSchemaForm } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { AI_WORK, DATA_READINESS, DOMAINS, SECTORS } from "~/modules/requests/request-options";

export type FormValues = Record<string, string | number | boolean | null | undefined>;

/** The form's fields in display order (the error summary links to them in this order). */
const FIELDS = [
  "title",
  "domain",
  "sector",
  "problemStatement",
  "aiWork",
  "gpusRequested",
  "desiredStartMonth",
  "durationMonths",
  "dataReadiness",
  "npuCapable",
  "expectedOutcomes",
  "budgetKrw",
  "contactName",
  "contactEmail",
] as const;

/** Stored values → form strings (booleans as the radios' "true"/"false", nothing for null). */
function toDefaults(values: FormValues): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
}

/**
 * The intake form, shared by "new" and "edit": one zod schema validates in the browser (Conform) and
 * on the server. "Save draft" accepts a partial request; "save and submit" needs every field and
 * lists what is missing. Without JavaScript the HTML constraints and the server do the same work.
 */
export function RequestForm({ lastResult, values, version }: { lastResult?: SubmissionResult<string[]> | null; values: FormValues; version?: number }) {
  const { t, td, n } = useT();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" ? String(navigation.formData?.get("intent") ?? "") : null;
  const [form, fields] = useSchemaForm({ id: "intake", form: "intake", lastResult, defaultValue: toDefaults(values) });
  const label = (k: string) => td(`request.form.${k}`);
  const invalid = FIELDS.filter((k) => fields[k].errors?.length);

  const text = (k: "title" | "contactName" | "contactEmail", type: "text" | "email" = "text") => (
    <Field meta={fields[k]} label={label(k)} type={type} className={k === "title" ? "md:col-span-2" : undefined} />
  );
  const number = (k: "gpusRequested" | "durationMonths" | "budgetKrw", unit: string) => {
    const value = Number(fields[k].value);
    const hintId = `${fields[k].id}-hint`;
    return (
      <div>
        <label htmlFor={fields[k].id} className="field-label">
          {label(k)}
        </label>
        <div className="flex items-center gap-2">
          <input {...unkeyed(getInputProps(fields[k], { type: "number", ariaDescribedBy: hintId }))} inputMode="numeric" className="field-input" />
          <output id={hintId} htmlFor={fields[k].id} className="mt-1 min-w-24 text-right text-sm text-slate-700 tabular-nums" data-testid={`${k}-formatted`}>
            {fields[k].value && Number.isFinite(value) ? `${n(value)} ${unit}` : ""}
          </output>
        </div>
        <ErrorList id={fields[k].errorId} errors={fields[k].errors} />
      </div>
    );
  };
  const select = (k: "domain" | "sector" | "aiWork", options: readonly string[], prefix: string) => (
    <SelectField
      meta={fields[k]}
      label={label(k)}
      placeholder={t("request.form.choose")}
      options={options.map((o) => ({ value: o, label: td(`${prefix}.${o}`) }))}
    />
  );
  const area = (k: "problemStatement" | "expectedOutcomes") => (
    <TextareaField meta={fields[k]} label={label(k)} className="md:col-span-2" textareaProps={{ rows: 4 }} />
  );
  const radios = (k: "dataReadiness" | "npuCapable", options: { value: string; label: string }[], meta: FieldMetadata<unknown> = fields[k]) => (
    <fieldset aria-invalid={fields[k].errors?.length ? true : undefined} aria-describedby={fields[k].errors?.length ? fields[k].errorId : undefined}>
      <legend className="field-label">{label(k)}</legend>
      <div className="mt-2 flex flex-wrap gap-4">
        {options.map((o) => {
          const { id: _id, "aria-describedby": _d, "aria-invalid": _i, ...props } = unkeyed(getInputProps(meta, { type: "radio", value: o.value }));
          return (
            <label key={o.value} className="flex items-center gap-1 text-sm">
              <input {...props} /> {o.label}
            </label>
          );
        })}
      </div>
      <ErrorList id={fields[k].errorId} errors={fields[k].errors} />
    </fieldset>
  );

  return (
    <Form method="post" {...getFormProps(form)} className="card mt-4 grid gap-4 md:grid-cols-2">
      {invalid.length > 0 ? (
        <div role="alert" className="alert-error md:col-span-2" data-testid="form-errors">
          <p className="font-semibold">{t("request.form.fixErrors")}</p>
          <ul className="ml-5 mt-1 list-disc">
            {invalid.map((k) => (
              <li key={k}>
                <a className="font-semibold text-red-900 underline" href={`#${fields[k].id}`}>
                  {label(k)}
                </a>
                : {fields[k].errors?.[0]}
              </li>
            ))}
          </ul>
        </div>
      ) : form.errors?.length ? (
        <p role="alert" className="alert-error md:col-span-2">
          {form.errors[0]}
        </p>
      ) : null}
      {version ? <input type="hidden" name="expectedVersion" value={version} /> : null}
      {/* The form's default button (Enter in a text field presses the first submit button): saves the
          draft and stays on its edit page, never submits and never leaves (issue 14). Not for pointers or screen readers. */}
      <button
        type="submit"
        name="intent"
        value="save"
        formNoValidate
        formAction="?stay"
        aria-hidden="true"
        tabIndex={-1}
        className="absolute -left-[9999px] h-px w-px overflow-hidden"
      />
      {text("title")}
      {select("domain", DOMAINS, "request.domains")}
      {select("sector", SECTORS, "request.sectors")}
      {area("problemStatement")}
      {select("aiWork", AI_WORK, "request.form.aiWorks")}
      {number("gpusRequested", t("request.form.gpuUnit"))}
      <Field meta={fields.desiredStartMonth} label={label("desiredStartMonth")} type="month" inputProps={{ placeholder: "YYYY-MM" }} />
      {number("durationMonths", t("request.form.monthUnit"))}
      {radios(
        "dataReadiness",
        DATA_READINESS.map((r) => ({ value: r, label: td(`request.form.readiness.${r}`) })),
      )}
      {radios("npuCapable", [
        { value: "true", label: t("common.yes") },
        { value: "false", label: t("common.no") },
      ])}
      {area("expectedOutcomes")}
      {number("budgetKrw", t("request.form.wonUnit"))}
      {text("contactName")}
      {text("contactEmail", "email")}
      <div className="flex flex-wrap gap-2 md:col-span-2">
        {/* formNoValidate: a draft may be partial, so the browser's required checks apply to submit only */}
        <button type="submit" name="intent" value="save" formNoValidate className="btn-secondary" disabled={pending !== null}>
          {pending === "save" ? t("request.form.saving") : t("request.form.saveDraft")}
        </button>
        <button type="submit" name="intent" value="submit" className="btn-primary" disabled={pending !== null}>
          {pending === "submit" ? t("request.form.submitting") : t("request.form.saveAndSubmit")}
        </button>
      </div>
    </Form>
  );
}
