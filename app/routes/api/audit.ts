import type { Route } from "./+types/audit";
import { auditLogPage, auditParams, auditQuerySchema } from "~/modules/audit/audit-log.server";
import { requirePermission } from "~/modules/auth/permissions.server";
import { handleApi, json, parseBody } from "~/utils/api.server";

/** GET /api/v1/audit?requestId=&actorId=&type=&from=&to=&cursor=&limit= (SECRETARIAT, ADMIN) → { items, nextCursor }, newest first. */
export async function loader({ request, url, context }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    await requirePermission(request, "audit:read", context);
    const query = parseBody(auditQuerySchema, auditParams(url.searchParams));
    return json(await auditLogPage(query));
  });
}
