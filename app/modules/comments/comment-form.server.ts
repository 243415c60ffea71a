import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { formAction } from "~/utils/page-action.server";
import { commentFormSchema } from "./comment.schema";
import { addComment } from "./comments.server";

/** The request page's comment form (`intent=comment`): Conform's result and the sentence in the page's language. */
export async function handleCommentForm({ user, locale, requestId, form }: { user: CurrentUser; locale: Locale; requestId: string; form: FormData }) {
  return formAction({
    locale,
    formData: form,
    schema: commentFormSchema,
    form: "comment",
    resetForm: true,
    work: async ({ body }) => {
      await addComment({ user, requestId, body });
      return "notify.comments.posted";
    },
  });
}
