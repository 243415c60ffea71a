import { translate } from "~/i18n/translate";
import type { MessageKey } from "~/i18n/messages";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { appErrorMessage } from "~/utils/api.server";
import { AppError } from "~/utils/errors";
import { addComment, COMMENT_MAX, commentBodySchema } from "./comments.server";

/** The request page's comment form (`intent=comment`): `{ ok }` or `{ ok: false, message }` in the page's language. */
export async function handleCommentForm({ user, locale, requestId, form }: { user: CurrentUser; locale: Locale; requestId: string; form: FormData }) {
  const parsed = commentBodySchema.safeParse({ body: String(form.get("body") ?? "") });
  if (!parsed.success) {
    return { ok: false, conflict: false, message: translate(locale, parsed.error.issues[0].message as MessageKey, { max: COMMENT_MAX }) };
  }
  try {
    await addComment({ user, requestId, body: parsed.data.body });
    return { ok: true, conflict: false, message: translate(locale, "notify.comments.posted") };
  } catch (error) {
    if (error instanceof AppError) {
      if (error.status === 404) throw new Response(null, { status: 404 });
      return { ok: false, conflict: false, message: appErrorMessage(error, locale) };
    }
    throw error;
  }
}
