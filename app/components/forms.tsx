/**
 * The one way a page builds a form field (issue 14): a label, the control with Conform's props (id,
 * name, default value, constraints, aria-invalid / aria-describedby), an optional hint and the field's
 * messages (`ErrorList`). `useSchemaForm` wires Conform to the module's zod schema with the
 * catalogue's messages, so the browser says what the server would say; without JavaScript the form
 * posts as a plain form and the server's answer fills the same places.
 */
import { getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod/v4";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { z } from "zod";
import { useT } from "~/i18n/use-t";
import { parseForm } from "~/utils/form";

type Defaults = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Conform's own bound for a form's shape
type Shape<T> = T extends Record<string, any> ? T : Record<string, unknown>;

/** A schema's HTML constraints (required, min, max…), worked out once per schema, not on every render. */
const constraints = new WeakMap<z.ZodType, ReturnType<typeof getZodConstraint>>();
function constraintOf(schema: z.ZodType) {
  let constraint = constraints.get(schema);
  if (!constraint) constraints.set(schema, (constraint = getZodConstraint(schema)));
  return constraint;
}

export function useSchemaForm<Schema extends z.ZodType>({
  id,
  schema,
  lastResult,
  defaultValue,
  constraintSchema,
}: {
  id: string;
  schema: Schema;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Defaults;
  /** the schema whose rules become the HTML constraints (default: `schema`) */
  constraintSchema?: z.ZodType;
}) {
  const { locale } = useT();
  const [form, fields] = useForm<Shape<z.input<Schema>>, z.output<Schema>>({
    id,
    lastResult,
    defaultValue: defaultValue as never,
    constraint: constraintOf(constraintSchema ?? schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, schema, locale),
  });
  // Conform re-renders a form only for the state its last render read, and field components read their
  // messages in their own render. When a re-render of the page (a router update right after hydration)
  // lost those reads, a refused submit showed nothing at all. Reading every message here subscribes the
  // form's owner to all of them, so a refusal always re-renders the fields that show it.
  void form.allErrors;
  return [form, fields] as const;
}

/** Conform props without `key` (React wants it passed directly, not spread). */
export function unkeyed<T extends { key?: string }>({ key: _key, ...props }: T): Omit<T, "key"> {
  return props;
}

/** A field's (or the form's) messages; the first one is what to do, any others follow. */
export function ErrorList({ id, errors, className = "" }: { id?: string; errors?: readonly string[] | null; className?: string }) {
  const list = [...new Set((errors ?? []).filter(Boolean))];
  if (list.length === 0) return null;
  return (
    <ul id={id} className={className}>
      {list.map((e) => (
        <li key={e} className="field-error">
          {e}
        </li>
      ))}
    </ul>
  );
}

/** Messages about the whole form (not one field), announced. */
export function FormErrors({ form }: { form: { errorId: string; errors?: string[] } }) {
  if (!form.errors?.length) return null;
  return (
    <div role="alert" className="alert-error">
      <ErrorList id={form.errorId} errors={form.errors} />
    </div>
  );
}

type Meta = FieldMetadata<unknown>;

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <p id={id} className="mt-1 text-xs text-slate-600">
      {hint}
    </p>
  ) : null;
}

export function Field({
  meta,
  label,
  type = "text",
  hint,
  className,
  inputProps,
}: {
  meta: Meta;
  label: ReactNode;
  type?: Parameters<typeof getInputProps>[1]["type"];
  hint?: ReactNode;
  className?: string;
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
}) {
  const hintId = `${meta.id}-hint`;
  const props = unkeyed(getInputProps(meta as FieldMetadata<string>, { type: type as "text", ariaDescribedBy: hint ? hintId : undefined }));
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="field-label">
        {label}
      </label>
      <input {...props} {...inputProps} className="field-input" />
      <Hint id={hintId} hint={hint} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextareaField({
  meta,
  label,
  hint,
  className,
  textareaProps,
}: {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  textareaProps?: TextareaHTMLAttributes<HTMLTextAreaElement>;
}) {
  const hintId = `${meta.id}-hint`;
  const props = unkeyed(getTextareaProps(meta as FieldMetadata<string>, { ariaDescribedBy: hint ? hintId : undefined }));
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="field-label">
        {label}
      </label>
      <textarea rows={3} {...props} {...textareaProps} className="field-input" />
      <Hint id={hintId} hint={hint} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  options,
  placeholder,
  hint,
  className,
  selectProps,
}: {
  meta: Meta;
  label: ReactNode;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
  hint?: ReactNode;
  className?: string;
  selectProps?: SelectHTMLAttributes<HTMLSelectElement>;
}) {
  const hintId = `${meta.id}-hint`;
  const props = unkeyed(getSelectProps(meta as FieldMetadata<string>, { ariaDescribedBy: hint ? hintId : undefined }));
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="field-label">
        {label}
      </label>
      <select {...props} {...selectProps} className="field-input">
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Hint id={hintId} hint={hint} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
