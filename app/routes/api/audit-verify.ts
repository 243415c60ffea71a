import type { Route } from "./+types/audit-verify";
import { type AuditVerification, verifyAuditChain } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/permissions.server";
import { handleApi, json } from "~/utils/api.server";

/** One verification at a time: callers arriving meanwhile share its result (it reads the whole chain). */
let running: Promise<AuditVerification> | null = null;

export async function loader({ request, context }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    await requirePermission(request, "audit:verify", context);
    running ??= verifyAuditChain().finally(() => {
      running = null;
    });
    return json(await running);
  });
}
