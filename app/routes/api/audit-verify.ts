import type { Route } from "./+types/audit-verify";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/permissions.server";
import { handleApi, json } from "~/utils/api.server";

export async function loader({ request }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    await requirePermission(request, "audit:verify");
    return json(await verifyAuditChain());
  });
}
