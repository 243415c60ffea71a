import { redirect } from "react-router";
import type { Route } from "./+types/request-attachments";
import { deleteAttachment, receiveAttachment } from "~/modules/attachments/attachments.server";
import { requireUser } from "~/modules/auth/session.server";
import { AppError } from "~/utils/errors";
import { readForm, requireSameOrigin } from "~/utils/api.server";

/** Message keys under `attachment.error` that the request page can show after a redirect. */
export const PAGE_ERRORS: Record<string, string> = {
  FILE_TOO_LARGE: "tooLarge",
  UNSUPPORTED_TYPE: "unsupportedType",
  TOO_MANY_FILES: "tooMany",
  EVENT_NOT_ALLOWED: "notEditable",
  VALIDATION_FAILED: "noFile",
  BAD_REQUEST: "notMultipart",
};

/**
 * The no-JavaScript path of the attachments panel (with JavaScript the page uploads through the API
 * to show progress): a multipart upload or a delete, then back to the request page with a banner.
 */
export async function action({ request, url, context, params }: Route.ActionArgs) {
  requireSameOrigin(request);
  const user = await requireUser(request, context);
  // `?conditionId=` : evidence for a condition, uploaded from the conditions panel
  const conditionId = url.searchParams.get("conditionId") || null;
  const anchor = conditionId ? "conditions" : "attachments";
  // evidence answers name its condition, so the page says it beside that condition's file field
  const back = (query: Record<string, string>) =>
    redirect(`/requests/${params.id}?${new URLSearchParams({ ...query, ...(conditionId ? { conditionId } : {}) })}#${anchor}`);
  try {
    if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
      const file = await receiveAttachment({ user, requestId: params.id, request, conditionId });
      return back({ attached: file.name });
    }
    const form = await readForm(request);
    await deleteAttachment({ user, requestId: params.id, attachmentId: String(form.get("attachmentId") ?? "") });
    return back({ detached: "1" });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404 || error.status === 403 || error.status === 401) throw new Response(null, { status: error.status });
    const closed = conditionId && error.messageKey === "attachment.error.evidenceClosed";
    return back({ attachError: closed ? "evidenceClosed" : (PAGE_ERRORS[error.code] ?? "notEditable") });
  }
}

export const loader = ({ params }: Route.LoaderArgs) => redirect(`/requests/${params.id}#attachments`);
