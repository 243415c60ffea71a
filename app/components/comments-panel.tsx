import { useEffect, useRef } from "react";
import { useFetcher } from "react-router";
import { useT } from "~/i18n/use-t";

export interface CommentItem {
  id: string;
  body: string;
  createdAt: string;
  author: { name: string; role: string; organization: { nameKo: string; nameEn: string } };
}

/** The request's discussion thread (issue 15): oldest first, a form for those who may write. */
export function CommentsPanel({ comments, canComment }: { comments: CommentItem[]; canComment: boolean }) {
  const { t, td, dt, locale } = useT();
  const fetcher = useFetcher<{ ok: boolean; message?: string }>();
  const form = useRef<HTMLFormElement>(null);
  const busy = fetcher.state !== "idle";
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) form.current?.reset();
  }, [fetcher.state, fetcher.data]);
  return (
    <section aria-labelledby="comments" className="card space-y-3">
      <h2 id="comments" className="text-lg font-bold">{t("notify.comments.title")}</h2>
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
        <fetcher.Form method="post" ref={form} className="space-y-2">
          <input type="hidden" name="intent" value="comment" />
          <label className="field-label" htmlFor="comment-body">{t("notify.comments.body")}</label>
          <textarea id="comment-body" name="body" required maxLength={4000} rows={3} className="field-input" />
          {fetcher.data && !fetcher.data.ok ? <p role="alert" className="alert-error">{fetcher.data.message}</p> : null}
          {fetcher.data?.ok ? <p role="status" className="text-sm">{t("notify.comments.posted")}</p> : null}
          <button type="submit" className="btn-primary" disabled={busy}>{t("notify.comments.post")}</button>
        </fetcher.Form>
      ) : null}
    </section>
  );
}
