/**
 * The one way a page builds a form field (issue 14): a label, the control with Conform's props (id,
 * name, default value, constraints, aria-invalid / aria-describedby), an optional hint and the field's
 * messages (`ErrorList`). `useSchemaForm` wires Conform to the module's zod schema with the
 * catalogue's messages, so the browser says what the server would say; without JavaScript the form
 * posts as a plain form and the server's answer fills the same places.
 *
 * The schemas (and zod) reach the browser only when someone starts on a form (ADR 0043): a form names
 * its schema and passes its HTML constraints, generated from the schema ahead of time
 * (`form-constraints.generated.ts`); the first focus or press
 * inside a schema form loads `form-schemas.ts`. A form sent before that has loaded is checked by the
 * server alone, which answers with the same sentences in the same places.
 */
import { getInputProps, getSelectProps, getTextareaProps, parse, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { useEffect, useId, useSyncExternalStore } from "react";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { z } from "zod";
import { addFieldMessages } from "~/i18n/catalogues";
import { useT } from "~/i18n/use-t";
import { formConstraints } from "./form-constraints.generated";
import type { FormName, formSchemas } from "./form-schemas";

type Defaults = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Conform's own bound for a form's shape
type Shape<T> = T extends Record<string, any> ? T : Record<string, unknown>;
type Schemas = typeof formSchemas;

/** The validation module once loaded (module state: one per browser tab, shared by every form). */
let validation: typeof import("./form-schemas") | null = null;
let loading: Promise<void> | null = null;
const ready = new Set<() => void>();

/** Loads the schemas once; a failed load (offline) is tried again at the next start on a form. */
function loadValidation(): Promise<void> {
  loading ??= import("./form-schemas").then(
    (module) => {
      addFieldMessages(module.fieldMessages);
      validation = module;
      for (const notify of ready) notify();
      // the browser tests wait on this mark, not on the network (the module's own imports arrive after it)
      document.documentElement.dataset.formValidation = "loaded";
    },
    () => {
      loading = null;
    },
  );
  return loading;
}

function onValidationReady(notify: () => void) {
  ready.add(notify);
  return () => void ready.delete(notify);
}

/** The ids of the schema forms on the page (a count each: the same form may be mounted twice). */
const mounted = new Map<string, number>();
/** Someone starts on a schema form (focus in it, or a press on it): load its validation. */
function startedOnForm(event: Event) {
  const target = event.target instanceof Element ? event.target : null;
  // a control may belong to a form it is not inside (`form="…"`: admin-pool's save buttons)
  const form = target && "form" in target && target.form instanceof HTMLFormElement ? target.form : target?.closest("form");
  if (form && mounted.has(form.id)) void loadValidation();
}

function watchForm(id: string) {
  if (mounted.size === 0) {
    document.addEventListener("focusin", startedOnForm, true);
    document.addEventListener("pointerdown", startedOnForm, true);
  }
  mounted.set(id, (mounted.get(id) ?? 0) + 1);
  return () => {
    const left = (mounted.get(id) ?? 1) - 1;
    if (left > 0) mounted.set(id, left);
    else mounted.delete(id);
    if (mounted.size === 0) {
      document.removeEventListener("focusin", startedOnForm, true);
      document.removeEventListener("pointerdown", startedOnForm, true);
    }
  };
}

/**
 * Before the schemas have loaded: a submit goes to the server, which checks it (`error: null` is
 * Conform's "not decided here"); a list change (add or remove a row) is done here, keeping the
 * messages already shown.
 */
function deferToServer(formData: FormData, shown: Record<string, unknown>) {
  return parse(formData, {
    resolve: (_payload, intent) => ({ error: intent ? Object.fromEntries(Object.keys(shown).map((name) => [name, null])) : null }),
  });
}

type SchemaFormOptions<Name extends FormName> = {
  id: string;
  /** the form's schema, by its name in `form-schemas.ts` */
  form: Name;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Defaults;
};

/** Conform's form and fields for a page's form (its state, its checks in the browser). Exported for tests. */
export function useConformForm<Name extends FormName>({ id, form: name, lastResult, defaultValue }: SchemaFormOptions<Name>) {
  const { locale } = useT();
  const loaded = useSyncExternalStore(
    onValidationReady,
    () => validation !== null,
    () => false,
  );
  const [form, fields] = useForm<Shape<z.input<Schemas[Name]>>, z.output<Schemas[Name]>>({
    id,
    lastResult,
    defaultValue: defaultValue as never,
    constraint: formConstraints[name],
    shouldValidate: "onSubmit",
    // checking as one types needs the schemas; until they are here, the server's messages stay as they are
    shouldRevalidate: loaded ? "onInput" : "onSubmit",
    // (cast: Conform types the submission by one schema; `validateForm` answers for the union of them all)
    onValidate: ({ formData }): never => (validation ? validation.validateForm(name, formData, locale) : deferToServer(formData, form.allErrors)) as never,
  });
  useEffect(() => watchForm(id), [id]);
  // the server refused the form: the person will correct it, so fetch what checks it as they type
  useEffect(() => {
    if (lastResult?.error && Object.keys(lastResult.error).length > 0) void loadValidation();
  }, [lastResult]);
  // Conform re-renders a form only for the state its last render read, and field components read their
  // messages in their own render. When a re-render of the page (a router update right after hydration)
  // lost those reads, a refused submit showed nothing at all. Reading every message here subscribes the
  // form's owner to all of them, so a refusal always re-renders the fields that show it.
  void form.allErrors;
  return [form, fields] as const;
}

type ConformForm<Name extends FormName> = ReturnType<typeof useConformForm<Name>>;

/**
 * The server's renders of a form as it first appears (no answer from the server, the same defaults) are
 * alike: Conform's state for it is built once and its metadata read from it again (ADR 0059). Conform
 * built them anew for every form on every page (its state, then a metadata object per field read):
 * ~140 µs of the request page's three forms. On the server nothing changes a form's state (no
 * event, no effect runs) and reading its metadata subscribes nothing (the patch of ADR 0049), so one
 * state serves every render. A form with an answer (refused without JavaScript) is built as before.
 */
const serverForms = new Map<string, ConformForm<FormName>>();
const SERVER_FORMS_KEPT = 500; // then all forgotten (ids with a record's id in them keep coming)

/** The key of a form as it first appears, or null when it is not one (an answer, defaults not all text). */
function firstAppearance(id: string, name: string, lastResult: unknown, defaultValue: Defaults | undefined): string | null {
  if (lastResult) return null;
  if (defaultValue === undefined) return `${id}\u0000${name}`;
  if (Object.getPrototypeOf(defaultValue) !== Object.prototype) return null;
  const entries = Object.entries(defaultValue);
  if (!entries.every(([, v]) => v === undefined || typeof v === "string")) return null;
  return `${id}\u0000${name}\u0000${JSON.stringify(entries)}`;
}

/** Tests: how many first appearances of forms the server keeps. */
export function serverFormsKept(): number {
  return serverForms.size;
}

/** Fields read from a kept form: each field's metadata made once (Conform makes one per read). */
function keptFields<T extends object>(fields: T): T {
  const made = new Map<PropertyKey, unknown>();
  return new Proxy(fields, {
    get(target, key, receiver) {
      if (!made.has(key)) made.set(key, Reflect.get(target, key, receiver));
      return made.get(key);
    },
  });
}

function useSchemaFormOnServer<Name extends FormName>(options: SchemaFormOptions<Name>): ConformForm<Name> {
  const key = firstAppearance(options.id, options.form, options.lastResult, options.defaultValue);
  const kept = key === null ? undefined : (serverForms.get(key) as ConformForm<Name> | undefined);
  if (kept) {
    // Conform's first hook is an id: the same ids for what the form's component renders after it
    useId(); // eslint-disable-line react-hooks/rules-of-hooks -- on the server a component renders once
    return kept;
  }
  const [form, fields] = useConformForm(options); // eslint-disable-line react-hooks/rules-of-hooks -- as above
  if (key === null) return [form, fields] as const;
  if (serverForms.size >= SERVER_FORMS_KEPT) serverForms.clear();
  const made = [form, keptFields(fields)] as const;
  serverForms.set(key, made as unknown as ConformForm<FormName>);
  return made;
}

/** A page's form wired to its schema: Conform in the browser; on the server, kept while it is the same. */
export const useSchemaForm: <Name extends FormName>(options: SchemaFormOptions<Name>) => ConformForm<Name> =
  typeof document === "undefined" ? useSchemaFormOnServer : useConformForm;

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
