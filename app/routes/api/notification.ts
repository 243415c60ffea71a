import type { Route } from "./+types/notification";
import { requireUser } from "~/modules/auth/session.server";
import { findOwnNotification, toItem } from "~/modules/notifications/notify.server";
import { handleApi, json } from "~/utils/api.server";
import { apiLocale } from "~/utils/locale.server";

/** GET /api/v1/notifications/:id — one of the caller's own notifications; anyone else's → 404. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    return json(toItem(await findOwnNotification(user, params.id), apiLocale(request)));
  });
}
