import type { Route } from "./+types/audit-export";
import { translate } from "~/i18n/translate";
import { auditColumns, auditLogBatches, auditParams, auditQuerySchema } from "~/modules/audit/audit-log.server";
import { requirePermission } from "~/modules/auth/permissions.server";
import { download, downloadLocale } from "~/modules/reports/download.server";
import { csvStream } from "~/modules/reports/table-files.server";
import { handleApi, parseBody } from "~/utils/api.server";

/** GET /audit/export.csv?<the audit screen's filters> (SECRETARIAT, ADMIN): every filtered event, newest first. */
export async function loader({ request, url, context }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    await requirePermission(request, "audit:read", context);
    const { cursor: _c, limit: _l, ...query } = parseBody(auditQuerySchema, auditParams(url.searchParams));
    const locale = await downloadLocale(request);
    const sheet = { name: translate(locale, "notify.audit.title"), columns: auditColumns(locale), rows: auditLogBatches(query) };
    return download(csvStream(sheet, locale), { type: "csv", name: translate(locale, "notify.audit.title"), asciiName: "ax-audit" });
  });
}
