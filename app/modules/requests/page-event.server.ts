import { data } from "react-router";
import type { MessageKey } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { pageAction } from "~/utils/page-action.server";
import { eventBodySchema } from "./request.schema";
import { sendRequestEvent } from "./requests.server";
import { fieldErrors } from "~/utils/api.server";

export type PageEventResult = { ok: boolean; conflict: boolean; message: string; requestId?: string; type?: string };

/** The specific sentence for each accepted event a page can send (never a bare "Done."). */
function resultKey(type: unknown): MessageKey {
  const key = `result.${String(type)}`;
  return translate("ko", key as MessageKey) === key ? "result.other" : (key as MessageKey);
}

/**
 * A workflow event posted by a page form: validated with the API's schema and sent through the same
 * service (via `pageAction`). Answers with the event's own result sentence, or the refusal in the
 * page language (the first refused field named in words, a stale page, a workflow reason); the answer
 * carries the event `type` so the page shows it beside the form that sent it.
 */
export async function sendPageEvent({ user, locale, requestId, body, done }: {
  user: CurrentUser; locale: Locale; requestId: string; body: unknown;
  /** what the page says when the event is accepted (default: the event's own result sentence) */
  done?: MessageKey;
}) {
  const type = typeof body === "object" && body !== null ? String((body as { type?: unknown }).type ?? "") : "";
  const parsed = eventBodySchema.safeParse(body, { reportInput: true });
  if (!parsed.success) {
    const message = Object.values(fieldErrors(parsed.error, locale))[0] ?? translate(locale, "error.validation");
    return data<PageEventResult>({ ok: false, conflict: false, message, requestId, type }, { status: 422 });
  }
  return pageAction(locale, async () => {
    await sendRequestEvent({ user, requestId, body: parsed.data });
    return done ?? resultKey(parsed.data.type);
  }, { requestId, type });
}
