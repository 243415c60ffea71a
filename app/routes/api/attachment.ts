import type { Route } from "./+types/attachment";
import { contentDisposition } from "~/modules/attachments/file-name";
import { deleteAttachment, openAttachment } from "~/modules/attachments/attachments.server";
import { recordAccessEvent } from "~/modules/auth/auth-events.server";
import { requireUser } from "~/modules/auth/session.server";
import { handleApi } from "~/utils/api.server";
import { AppError } from "~/utils/errors";

/**
 * The file's bytes, streamed, under its original name (Korean kept via RFC 5987). The server adds
 * `X-Content-Type-Options: nosniff` to every response; the sandbox CSP keeps an opened file inert.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    const file = await openAttachment({ user, requestId: params.id, attachmentId: params.attachmentId });
    // who read which file is an audit event; no event, no bytes
    await recordAccessEvent({
      type: "ATTACHMENT_DOWNLOADED",
      actorId: user.id,
      requestId: params.id,
      payload: { attachmentId: params.attachmentId, name: file.name },
    }).catch(async (error) => {
      await file.body.cancel();
      throw error;
    });
    return new Response(file.body, {
      headers: {
        "Content-Type": file.mediaType,
        "Content-Length": String(file.size),
        "Content-Disposition": contentDisposition(file.name),
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "sandbox",
      },
    });
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    if (request.method !== "DELETE") throw new AppError("BAD_REQUEST", 405, "error.methodNotAllowed");
    await deleteAttachment({ user, requestId: params.id, attachmentId: params.attachmentId });
    return new Response(null, { status: 204 });
  });
}
