import { getFormProps } from "@conform-to/react";
import { useFetcher } from "react-router";
import { ActionResult } from "~/components/action-result";
import { FormErrors, TextareaField, useSchemaForm } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { replyFor, resultFor, type FormReply } from "~/utils/form";

export interface CommentItem {
  id: string;
  body: string;
  createdAt: string;
  author: { name: string; role: string; organization: { nameKo: string; nameEn: string } };
}

/** The request's discussion thread (issue 15): oldest first, a form for those who may write. */
export function CommentsPanel({ comments, canComment }: { comments: CommentItem[]; canComment: boolean }) {
  const { t, td, dt, locale } = useT();
  const fetcher = useFetcher<FormReply>();
  const busy = fetcher.state !== "idle";
  const [form, fields] = useSchemaForm({ id: "comment", form: "comment", lastResult: resultFor(fetcher.data, "comment") });
  const said = replyFor(fetcher.data, "comment");
  return (
    <section aria-labelledby="comments" className="card space-y-3">
      <h2 id="comments" className="text-lg font-bold">
        {t("notify.comments.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("notify.comments.intro")}</p>
      {comments.length === 0 ? <p>{t("notify.comments.empty")}</p> : null}
      <ol className="space-y-2" data-testid="comments">
        {comments.map((c) => (
          <li key={c.id} className="rounded-md border border-slate-200 p-3">
            <p className="text-xs text-slate-600">
              {t("notify.comments.by", { name: c.author.name, org: locale === "ko" ? c.author.organization.nameKo : c.author.organization.nameEn })}
              {c.author.role ? ` (${td(`role.${c.author.role}`)})` : ""} · {dt(c.createdAt)}
            </p>
            <p className="whitespace-pre-wrap">{c.body}</p>
          </li>
        ))}
      </ol>
      {canComment ? (
        <fetcher.Form method="post" {...getFormProps(form)} className="space-y-2">
          <input type="hidden" name="intent" value="comment" />
          <FormErrors form={form} />
          <TextareaField meta={fields.body} label={t("notify.comments.body")} />
          {said ? <ActionResult result={said} /> : null}
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("notify.comments.post")}
          </button>
        </fetcher.Form>
      ) : null}
    </section>
  );
}
