import type { Route } from "./+types/attachments";
import { listAttachments, receiveAttachment } from "~/modules/attachments/attachments.server";
import { requireUser } from "~/modules/auth/session.server";
import { allowMethods, handleApi, json } from "~/utils/api.server";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    const { items } = await listAttachments({ user, requestId: params.id });
    return json({ items });
  });
}

/**
 * POST multipart/form-data with the field `file` → 201 { id, name, size, type }.
 * `?conditionId=` attaches the file as evidence for that condition of the request.
 */
export async function action({ request, url, context, params }: Route.ActionArgs) {
  return handleApi(
    request,
    async () => {
      allowMethods(request, "POST");
      const user = await requireUser(request, context);
      const conditionId = url.searchParams.get("conditionId") || null;
      return json(await receiveAttachment({ user, requestId: params.id, request, conditionId }), 201);
    },
    { body: "multipart" },
  );
}
