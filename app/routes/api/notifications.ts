import type { Route } from "./+types/notifications";
import { requireUser } from "~/modules/auth/session.server";
import { listNotificationsQuerySchema } from "~/modules/notifications/notify.schema";
import { listNotifications } from "~/modules/notifications/notify.server";
import { handleApi, json, parseBody } from "~/utils/api.server";
import { apiLocale } from "~/utils/locale.server";

/** GET /api/v1/notifications?unread=true&cursor=… → { items, unread, nextCursor }: the caller's own, newest first, 100 a page by default. */
export async function loader({ request, url, context }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    const { unread, limit = 100, cursor } = parseBody(listNotificationsQuerySchema, Object.fromEntries(url.searchParams));
    return json(await listNotifications({ user, unread: unread === "true", limit, cursor, locale: apiLocale(request) }));
  });
}
