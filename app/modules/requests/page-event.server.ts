import { data } from "react-router";
import type { MessageKey } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { AppError } from "~/utils/errors";
import { eventBodySchema } from "./request.schema";
import { sendRequestEvent } from "./requests.server";
import { appErrorMessage, fieldErrors } from "~/utils/api.server";

export type PageEventResult = { ok: boolean; conflict: boolean; message: string; requestId?: string };

/**
 * A workflow event posted by a page form: validated with the API's schema and sent through the same
 * service. Returns a banner for the page (refusal reason in the page language, or a stale-page
 * message); 404/403 become responses so outsiders learn nothing.
 */
export async function sendPageEvent({ user, locale, requestId, body, done = "request.done" }: {
  user: CurrentUser; locale: Locale; requestId: string; body: unknown;
  /** what the banner says when the event is accepted */
  done?: MessageKey;
}) {
  const parsed = eventBodySchema.safeParse(body, { reportInput: true });
  if (!parsed.success) {
    const message = Object.values(fieldErrors(parsed.error, locale))[0] ?? translate(locale, "error.validation");
    return data<PageEventResult>({ ok: false, conflict: false, message, requestId }, { status: 422 });
  }
  try {
    await sendRequestEvent({ user, requestId, body: parsed.data });
    return data<PageEventResult>({ ok: true, conflict: false, message: translate(locale, done), requestId });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404 || error.status === 403) throw new Response(null, { status: error.status });
    const conflict = error.code === "VERSION_CONFLICT";
    const message = conflict ? translate(locale, "request.conflict") : appErrorMessage(error, locale);
    return data<PageEventResult>({ ok: false, conflict, message, requestId }, { status: error.status });
  }
}
