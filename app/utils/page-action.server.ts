/**
 * The one way a page form runs a service (issue 14): the work returns what to say on success; an
 * application error becomes the refusal in the page's language (a stale page says so); 403/404 become
 * responses so outsiders learn nothing; anything else is a real failure and propagates.
 *
 * `formAction` adds the form's reading: the posted values are parsed with the module's zod schema
 * (Conform, `parseForm`); refused fields go back to the form as Conform's result (each message beside
 * its field, the typed values kept), accepted values go to the work.
 */
import { data } from "react-router";
import type { z } from "zod";
import type { MessageKey, MessageParams } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import { appErrorMessage } from "./api.server";
import { AppError } from "./errors";
import type { FormReply } from "./form";
import { parseForm } from "./parse-form";

export type PageActionResult = { ok: boolean; conflict: boolean; message: string };
export type Said = MessageKey | { key: MessageKey; params?: MessageParams };

type Settled = PageActionResult & { status: number; error?: AppError };

async function settle<Out extends Said | Response>(locale: Locale, work: () => Promise<Out>): Promise<Settled | Extract<Out, Response>> {
  try {
    const said = await work();
    if (said instanceof Response) return said as Extract<Out, Response>;
    const { key, params } = typeof said === "string" ? { key: said, params: undefined } : said;
    return { ok: true, conflict: false, message: translate(locale, key, params), status: 200 };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404 || error.status === 403) throw new Response(null, { status: error.status });
    const conflict = error.code === "VERSION_CONFLICT";
    const message = conflict ? translate(locale, "request.conflict") : appErrorMessage(error, locale);
    return { ok: false, conflict, message, status: error.status, error };
  }
}

export async function pageAction<Extra extends Record<string, unknown>>(locale: Locale, work: () => Promise<Said>, extra: Extra = {} as Extra) {
  const { status, error: _error, ...result } = (await settle(locale, work)) as Settled;
  return data<PageActionResult & Extra>({ ...result, ...extra }, { status });
}

/**
 * A page form: parse with `schema`, run `work` with the parsed values, answer the form `form`.
 * `resetForm` empties the form after success (a new comment, a new tranche); `fieldOf` places a
 * service refusal beside the field it is about (else it is the banner).
 */
export async function formAction<Schema extends z.ZodType, Extra extends Record<string, unknown> = Record<string, never>>({
  locale,
  formData,
  schema,
  form,
  work,
  resetForm = false,
  fieldOf,
  hideFields,
  extra = {} as Extra,
}: {
  locale: Locale;
  formData: FormData;
  schema: Schema;
  form: string;
  /** what to say on success, or a redirect (Post/Redirect/Get to another page) */
  work: (value: z.output<Schema>) => Promise<Said | Response>;
  resetForm?: boolean;
  fieldOf?: (error: AppError) => string | undefined;
  /** fields never sent back to the page (passwords) */
  hideFields?: string[];
  extra?: Extra;
}) {
  const submission = parseForm(formData, schema, locale);
  if (submission.status !== "success") {
    return data<FormReply & Extra>({ ok: false, conflict: false, message: "", form, result: submission.reply({ hideFields }), ...extra }, { status: 422 });
  }
  const settled = await settle(locale, () => work(submission.value));
  if (settled instanceof Response) return settled;
  const { status, error, ...said } = settled;
  const field = error && fieldOf?.(error);
  const result = said.ok
    ? submission.reply({ resetForm, hideFields })
    : submission.reply({ hideFields, ...(field ? { fieldErrors: { [field]: [said.message] } } : {}) });
  return data<FormReply & Extra>({ ...said, message: field ? "" : said.message, form, result, ...extra }, { status });
}
