/** The GPU pool as a workbook: one sheet of tranches, one of every allocation (released ones included). */
import { translate } from "~/i18n/translate";
import type { MessageKey } from "~/i18n/messages";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { listAllocations, type AllocationView } from "~/modules/pool/allocations.server";
import { listTranches, type TrancheView } from "~/modules/pool/tranches.server";
import type { AnySheet, Column, ColumnType, Sheet } from "./table-files.server";

function columns<Row>(locale: Locale, prefix: string, list: [key: string, type: ColumnType, width: number, value: Column<Row>["value"]][]): Column<Row>[] {
  return list.map(([key, type, width, value]) => ({ header: translate(locale, `${prefix}.${key}` as MessageKey), type, width, value }));
}

/** Both sheets; tranches and allocations are read through the pool services (their role rules apply). */
export async function poolSheets({ user, locale }: { user: CurrentUser; locale: Locale }): Promise<AnySheet[]> {
  const [tranches, allocations] = await Promise.all([listTranches({ user }), listAllocations({ user })]);
  const trancheLabel = new Map(tranches.map((t) => [t.id, t.label]));
  const trancheSheet: Sheet<TrancheView> = {
    name: translate(locale, "reports.exports.sheet.tranches"),
    columns: columns<TrancheView>(locale, "reports.exports.tranche", [
      ["label", "text", 16, (t) => t.label],
      ["arrivalMonth", "month", 10, (t) => t.arrivesOn],
      ["gpuModel", "text", 14, (t) => t.gpuModel],
      ["resourceKind", "text", 8, (t) => t.resourceKind],
      ["capacity", "integer", 10, (t) => t.capacity],
      ["allocated", "integer", 10, (t) => t.allocated],
      ["remaining", "integer", 10, (t) => t.remaining],
      ["national", "integer", 14, (t) => t.bySector.NATIONAL_PROJECT],
      ["industry", "integer", 12, (t) => t.bySector.INDUSTRY],
      ["academia", "integer", 14, (t) => t.bySector.ACADEMIA_RESEARCH],
    ]),
    rows: [tranches],
  };
  const allocationSheet: Sheet<AllocationView> = {
    name: translate(locale, "reports.exports.sheet.allocations"),
    columns: columns<AllocationView>(locale, "reports.exports.allocation", [
      ["reference", "text", 15, (a) => a.request.reference],
      ["title", "text", 40, (a) => a.request.title],
      ["tranche", "text", 16, (a) => trancheLabel.get(a.trancheId) ?? a.tranche.label],
      ["gpus", "integer", 10, (a) => a.gpus],
      ["startMonth", "month", 10, (a) => a.startMonth],
      ["months", "integer", 10, (a) => a.months],
      ["createdAt", "dateTime", 18, (a) => a.createdAt],
      ["releasedAt", "dateTime", 18, (a) => a.releasedAt],
    ]),
    rows: [allocations],
  };
  return [trancheSheet, allocationSheet];
}
