/**
 * The request list as a file: the same scope, filters, state and sort as `/requests`
 * (`listSelection`), read in keyset batches so 100,000 rows never sit in memory at once.
 * One column list serves the CSV and the workbook; each column says its type, so the workbook gets
 * real numbers and dates and the CSV plain values.
 */
import type { Prisma } from "~/generated/prisma/client";
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
  id: true,
  reference: true,
  title: true,
  state: true,
  stateDetail: true,
  sector: true,
  domain: true,
  aiWork: true,
  gpusRequested: true,
  approvedGpus: true,
  desiredStartMonth: true,
  durationMonths: true,
  dataReadiness: true,
  npuCapable: true,
  budgetKrw: true,
  contactName: true,
  contactEmail: true,
  submittedAt: true,
  createdAt: true,
  updatedAt: true,
  organization: { select: { nameKo: true, nameEn: true } },
  plan: { select: { agreedGpus: true } },
} as const;

type ExportRow = Prisma.DemandRequestGetPayload<{ select: typeof exportSelect }>;

/**
 * Every request of the filtered list, batch by batch, in the list's order. The ids come first, in
 * one ordered read (a few MB at 100,000 rows); the rows then come by id, `batchSize` at a time. A
 * keyset cursor per batch would re-sort the rest of the table for every batch (O(n²) over an
 * export), which is what the list's cursor does for one page at a time.
 */
export async function* listedRequests(user: CurrentUser, query: ListQuery, batchSize = EXPORT_BATCH): AsyncGenerator<ExportRow[]> {
  const selection = await listSelection(user, query);
  const ids = (await db.demandRequest.findMany({ where: selection.where, orderBy: selection.orderBy, select: { id: true } })).map((r) => r.id);
  for (let i = 0; i < ids.length; i += batchSize) {
    const slice = ids.slice(i, i + batchSize);
    const rows = new Map((await db.demandRequest.findMany({ where: { id: { in: slice } }, select: exportSelect })).map((r) => [r.id, r]));
    // a request that changed scope in between simply drops out; the order stays the list's
    const batch = slice.map((id) => rows.get(id)).filter((r): r is ExportRow => r !== undefined);
    if (batch.length > 0) yield batch;
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
