import type { Route } from "./+types/screening-bulk";
import { requirePermission } from "~/modules/auth/permissions.server";
import { bulkScreeningSchema } from "~/modules/screening/screening.schema";
import { bulkScreen } from "~/modules/screening/screening.server";
import { allowMethods, handleApi, json, parseBody, readJson } from "~/utils/api.server";
import { apiLocale } from "~/utils/locale.server";

/** POST /api/v1/screening/bulk — accept or return several submissions; a result per request. */
export async function action({ request, context }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requirePermission(request, "request:screen", context); // 403 before the body is even read
    const input = parseBody(bulkScreeningSchema, await readJson(request));
    return json(await bulkScreen({ user, locale: apiLocale(request), input }));
  });
}
