/**
 * The request list as a file: the same scope, filters, state and sort as `/requests`
 * (`listSelection`), read in keyset batches so 100,000 rows never sit in memory at once.
 * One column list serves the CSV and the workbook; each column says its type, so the workbook gets
 * real numbers and dates and the CSV plain values.
 */
import { translate, translateDynamic } from "~/i18n/translate";
import type { MessageKey } from "~/i18n/messages";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import type { ListQuery } from "~/modules/requests/request.schema";
import { listSelection } from "~/modules/requests/request-list.server";
import { db } from "~/utils/db.server";
import type { Column, ColumnType } from "./table-files.server";

export const EXPORT_BATCH = 500;

const exportSelect = {
  id: true, reference: true, title: true, state: true, stateDetail: true, sector: true, domain: true, aiWork: true,
  gpusRequested: true, approvedGpus: true, desiredStartMonth: true, durationMonths: true, dataReadiness: true,
  npuCapable: true, budgetKrw: true, contactName: true, contactEmail: true, submittedAt: true, createdAt: true, updatedAt: true,
  organization: { select: { nameKo: true, nameEn: true } },
  plan: { select: { agreedGpus: true } },
} as const;

type ExportRow = Awaited<ReturnType<typeof readBatch>>[number];

function readBatch(where: object, orderBy: object[], take = EXPORT_BATCH) {
  return db.demandRequest.findMany({ where, orderBy, take, select: exportSelect });
}

/** Every request of the filtered list, batch by batch, in the list's order. */
export async function* listedRequests(user: CurrentUser, query: ListQuery, batchSize = EXPORT_BATCH): AsyncGenerator<ExportRow[]> {
  const selection = listSelection(user, query);
  let after: object | null = null;
  for (;;) {
    const batch = await readBatch(after ? { AND: [selection.where, after] } : selection.where, selection.orderBy, batchSize);
    if (batch.length > 0) yield batch;
    if (batch.length < batchSize) return;
    after = selection.after(batch[batch.length - 1]);
  }
}

export type ExportColumn = Column<ExportRow>;

/** The columns of the request export, with headers in `locale` (Korean by default). */
export function requestExportColumns(locale: Locale): ExportColumn[] {
  const h = (key: string) => translate(locale, `reports.exports.column.${key}` as MessageKey);
  const label = (prefix: string, value: string | null) => (value ? translateDynamic(locale, `${prefix}.${value}`) : null);
  const col = (key: string, type: ColumnType, width: number, value: ExportColumn["value"]): ExportColumn => ({ header: h(key), type, width, value });
  return [
    col("reference", "text", 15, (r) => r.reference),
    col("title", "text", 40, (r) => r.title),
    col("ministry", "text", 18, (r) => (locale === "ko" ? r.organization.nameKo : r.organization.nameEn)),
    col("state", "text", 16, (r) => [label("workflow.state", r.state), label("workflow.state", r.stateDetail)].filter(Boolean).join(" · ")),
    col("sector", "text", 16, (r) => label("request.sectors", r.sector)),
    col("domain", "text", 14, (r) => label("request.domains", r.domain)),
    col("aiWork", "text", 20, (r) => label("request.form.aiWorks", r.aiWork)),
    col("gpusRequested", "integer", 11, (r) => r.gpusRequested),
    col("agreedGpus", "integer", 11, (r) => r.plan?.agreedGpus ?? null),
    col("approvedGpus", "integer", 11, (r) => r.approvedGpus),
    col("desiredStartMonth", "month", 12, (r) => r.desiredStartMonth),
    col("durationMonths", "integer", 10, (r) => r.durationMonths),
    col("dataReadiness", "text", 12, (r) => label("request.form.readiness", r.dataReadiness)),
    col("npuCapable", "boolean", 10, (r) => r.npuCapable),
    col("budgetKrw", "integer", 18, (r) => (r.budgetKrw === null ? null : Number(r.budgetKrw))),
    col("contactName", "text", 12, (r) => r.contactName),
    col("contactEmail", "text", 24, (r) => r.contactEmail),
    col("submittedAt", "dateTime", 18, (r) => r.submittedAt),
    col("createdAt", "dateTime", 18, (r) => r.createdAt),
    col("updatedAt", "dateTime", 18, (r) => r.updatedAt),
  ];
}
