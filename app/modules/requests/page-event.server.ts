import type { MessageKey } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { formAction } from "~/utils/page-action.server";
import { eventFormId, eventFormSchemas, isPageEventType } from "./request.schema";
import { sendRequestEvent } from "./requests.server";

/** The specific sentence for each accepted event a page can send (never a bare "Done."). */
function resultKey(type: string): MessageKey {
  if (type === "SCHEDULE") return "deliberation.request.schedule.done";
  if (type === "RECONSIDER") return "deliberation.request.reconsider.done";
  const key = `result.${type}`;
  return translate("ko", key as MessageKey) === key ? "result.other" : (key as MessageKey);
}

/**
 * A workflow event posted by one of the request page's forms (`type` says which): read by Conform with
 * that form's schema (`eventFormSchemas`), sent through the same service as the API. A refused field
 * is said beside it; the event's own result sentence (or the refusal: a stale page, a workflow reason)
 * beside the form that sent it. The answer carries `type` so the page knows which form acted.
 */
export async function handleEventForm({ user, locale, requestId, form }: { user: CurrentUser; locale: Locale; requestId: string; form: FormData }) {
  const type = form.get("type");
  if (!isPageEventType(type)) throw new Response(null, { status: 400 });
  return formAction({
    locale,
    formData: form,
    schema: eventFormSchemas[type],
    form: eventFormId(type),
    extra: { requestId, type: type as string },
    work: async (body) => {
      await sendRequestEvent({ user, requestId, body });
      return resultKey(type);
    },
  });
}
