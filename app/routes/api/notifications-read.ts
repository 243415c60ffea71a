import type { Route } from "./+types/notifications-read";
import { requireUser } from "~/modules/auth/session.server";
import { markReadSchema } from "~/modules/notifications/notify.schema";
import { markRead } from "~/modules/notifications/notify.server";
import { allowMethods, handleApi, json, parseBody, readJson } from "~/utils/api.server";

/** POST /api/v1/notifications/read { ids? } (none = all) → { marked, unread }; an id of another user's → 404. */
export async function action({ request, context }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request, context);
    const { ids } = parseBody(markReadSchema, (await request.clone().text()).trim() === "" ? {} : await readJson(request));
    return json(await markRead({ user, ids }));
  });
}
