import type { Route } from "./+types/pool-export";
import { translate } from "~/i18n/translate";
import { requireUser } from "~/modules/auth/session.server";
import { download, downloadLocale } from "~/modules/reports/download.server";
import { poolSheets } from "~/modules/reports/pool-export.server";
import { xlsxStream } from "~/modules/reports/table-files.server";
import { forPage } from "~/utils/errors";

/** GET /pool/export.xlsx — tranches and allocations (those who may read the pool). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  const locale = await downloadLocale(request);
  const sheets = await forPage(() => poolSheets({ user, locale }));
  return download(xlsxStream(sheets, locale), { type: "xlsx", name: translate(locale, "reports.exports.fileName.pool"), asciiName: "gpu-pool" });
}
