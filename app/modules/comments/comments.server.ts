/**
 * The discussion thread of a request (issue 15, API.md "comments"): the request's ministry, the
 * secretariat and approvers ask and answer. Same scope rule as the request (404 outside it); each
 * comment is an audit event (COMMENT), which also notifies the other side (notifications/notify.server).
 */
import { db } from "~/utils/db.server";
import { memoUntilWrite } from "~/utils/lean-read.server";
import { distinctIds, whenAny } from "~/utils/distinct";
import { now } from "~/utils/clock";
import { forbidden } from "~/utils/errors";
import { appendAuditEvent } from "~/modules/audit/audit.server";
import { can } from "~/modules/auth/permissions";
import type { CurrentUser } from "~/modules/auth/session.server";
import { findVisibleRequest } from "~/modules/requests/requests.server";

export { COMMENT_MAX, commentBodySchema } from "./comment.schema";

export interface CommentView {
  id: string;
  body: string;
  createdAt: string;
  author: { id: string; name: string; role: string; organization: { code: string; nameKo: string; nameEn: string } };
}

export async function listComments({ user, requestId }: { user: CurrentUser; requestId: string }): Promise<CommentView[]> {
  await findVisibleRequest(user, requestId);
  // the same thread for every reader who may see the request: kept until the next commit (ADR 0029)
  return memoUntilWrite(`comments|${requestId}`, "", () => readComments(requestId));
}

async function readComments(requestId: string): Promise<CommentView[]> {
  const rows = await db.comment.findMany({ where: { requestId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const authors = await whenAny(distinctIds(rows.map((r) => r.authorId)), (ids) =>
    db.user.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, role: true, organization: { select: { code: true, nameKo: true, nameEn: true } } },
    }),
  );
  const byId = new Map(authors.map((a) => [a.id, a]));
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    createdAt: r.createdAt.toISOString(),
    author: byId.get(r.authorId) ?? { id: r.authorId, name: "?", role: "", organization: { code: "", nameKo: "", nameEn: "" } },
  }));
}

/** Adds a comment (the request must be visible: 404 otherwise; a role without the right: 403). */
export async function addComment({ user, requestId, body }: { user: CurrentUser; requestId: string; body: string }): Promise<CommentView> {
  const request = await findVisibleRequest(user, requestId);
  if (!can(user, "request:comment")) throw forbidden();
  const text = body.trim();
  const created = await db.$transaction(async (tx) => {
    const comment = await tx.comment.create({ data: { requestId, authorId: user.id, body: text, createdAt: now() } });
    await appendAuditEvent(tx, {
      requestId,
      actorId: user.id,
      type: "COMMENT",
      fromState: request.state,
      toState: request.state,
      payload: { commentId: comment.id, comment: text },
    });
    return comment;
  });
  return {
    id: created.id,
    body: created.body,
    createdAt: created.createdAt.toISOString(),
    author: {
      id: user.id,
      name: user.name,
      role: user.role,
      organization: { code: user.organization.code, nameKo: user.organization.nameKo, nameEn: user.organization.nameEn },
    },
  };
}
