import type { Route } from "./+types/requests-export";
import { translate } from "~/i18n/translate";
import { requireUser } from "~/modules/auth/session.server";
import { download, downloadLocale } from "~/modules/reports/download.server";
import { listedRequests, requestExportColumns } from "~/modules/reports/request-export.server";
import { csvStream, xlsxStream } from "~/modules/reports/table-files.server";
import { listQuerySchema, nonEmptyParams } from "~/modules/requests/request.schema";
import { handleApi, parseBody } from "~/utils/api.server";

/**
 * GET /requests/export.csv and /requests/export.xlsx — the request list with the filters and sort of
 * `/requests` (its query string), within the caller's scope, every page of it.
 */
export async function loader({ request, url, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return handleApi(request, async () => {
    const format = url.pathname.endsWith(".xlsx") ? "xlsx" : "csv";
    const { cursor: _page, limit: _size, ...query } = parseBody(listQuerySchema, nonEmptyParams(url.searchParams));
    const locale = await downloadLocale(request);
    const sheet = { name: translate(locale, "reports.exports.sheet.requests"), columns: requestExportColumns(locale), rows: listedRequests(user, query) };
    return download(format === "xlsx" ? xlsxStream([sheet], locale) : csvStream(sheet, locale), {
      type: format,
      name: translate(locale, "reports.exports.fileName.requests"),
      asciiName: "ax-requests",
    });
  });
}
