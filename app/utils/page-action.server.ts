/**
 * The one way a page form runs a service (issue 14): the work returns what to say on success; an
 * application error becomes the refusal in the page's language (a stale page says so); 403/404 become
 * responses so outsiders learn nothing; anything else is a real failure and propagates.
 */
import { data } from "react-router";
import type { MessageKey, MessageParams } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import { appErrorMessage } from "./api.server";
import { AppError } from "./errors";

export type PageActionResult = { ok: boolean; conflict: boolean; message: string };
export type Said = MessageKey | { key: MessageKey; params?: MessageParams };

export async function pageAction<Extra extends Record<string, unknown>>(
  locale: Locale,
  work: () => Promise<Said>,
  extra: Extra = {} as Extra,
) {
  try {
    const said = await work();
    const { key, params } = typeof said === "string" ? { key: said, params: undefined } : said;
    return data<PageActionResult & Extra>({ ok: true, conflict: false, message: translate(locale, key, params), ...extra });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404 || error.status === 403) throw new Response(null, { status: error.status });
    const conflict = error.code === "VERSION_CONFLICT";
    const message = conflict ? translate(locale, "request.conflict") : appErrorMessage(error, locale);
    return data<PageActionResult & Extra>({ ok: false, conflict, message, ...extra }, { status: error.status });
  }
}
