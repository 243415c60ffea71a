import type { Route } from "./+types/audit-verify";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { requireRole } from "~/modules/auth/session.server";
import { handleApi, json } from "~/utils/api.server";

export async function loader({ request }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    await requireRole(request, "SECRETARIAT", "ADMIN");
    return json(await verifyAuditChain());
  });
}
