/**
 * The request's intake fields (domain, sector, GPUs, …) as the request page lists them: the same for
 * every reader who may see the request, so the server renders them once per kept view and language
 * (`request-fields.server.tsx`) and the page shows that HTML (an island, ADR 0052). No hooks: a
 * translator is given.
 */
import type { Translator } from "~/i18n/use-t";
import { formatMonth } from "~/i18n/format";
import type { RequestView } from "~/modules/requests/requests.server";

export type RequestFieldsItem = Pick<
  RequestView,
  | "domain"
  | "sector"
  | "gpusRequested"
  | "aiWork"
  | "desiredStartMonth"
  | "durationMonths"
  | "dataReadiness"
  | "npuCapable"
  | "budgetKrw"
  | "problemStatement"
  | "expectedOutcomes"
  | "contactName"
  | "contactEmail"
>;

/** The `<dl>`'s terms and details (the page gives the list element itself). */
export function RequestFields({ item, tr }: { item: RequestFieldsItem; tr: Translator }) {
  const { t, td, n, locale } = tr;
  return (
    <>
      <dt className="font-semibold">{t("request.domain")}</dt>
      <dd>{item.domain ? td(`request.domains.${item.domain}`) : "–"}</dd>
      <dt className="font-semibold">{t("request.sector")}</dt>
      <dd>{item.sector ? td(`request.sectors.${item.sector}`) : "–"}</dd>
      <dt className="font-semibold">{t("request.gpus")}</dt>
      <dd>{item.gpusRequested === null ? "–" : n(item.gpusRequested)}</dd>
      <dt className="font-semibold">{t("deliberation.request.intake.aiWork")}</dt>
      <dd>{item.aiWork ? td(`request.form.aiWorks.${item.aiWork}`) : "–"}</dd>
      <dt className="font-semibold">{t("deliberation.request.intake.desiredStartMonth")}</dt>
      <dd>{item.desiredStartMonth ? formatMonth(locale, item.desiredStartMonth) : "–"}</dd>
      <dt className="font-semibold">{t("deliberation.request.intake.durationMonths")}</dt>
      <dd>{item.durationMonths === null ? "–" : t("deliberation.request.intake.months", { months: n(item.durationMonths) })}</dd>
      <dt className="font-semibold">{t("deliberation.request.intake.dataReadiness")}</dt>
      <dd>{item.dataReadiness ? td(`request.form.readiness.${item.dataReadiness}`) : "–"}</dd>
      <dt className="font-semibold">{t("deliberation.request.intake.npuCapable")}</dt>
      <dd>{item.npuCapable === null ? "–" : t(item.npuCapable ? "deliberation.request.intake.npuYes" : "deliberation.request.intake.npuNo")}</dd>
      <dt className="font-semibold">{t("deliberation.request.intake.budgetKrw")}</dt>
      <dd>{item.budgetKrw === null ? "–" : t("deliberation.request.intake.won", { amount: n(item.budgetKrw) })}</dd>
      <dt className="font-semibold">{t("request.problemStatement")}</dt>
      <dd className="whitespace-pre-wrap">{item.problemStatement ?? "–"}</dd>
      <dt className="font-semibold">{t("request.expectedOutcomes")}</dt>
      <dd className="whitespace-pre-wrap">{item.expectedOutcomes ?? "–"}</dd>
      <dt className="font-semibold">{t("deliberation.request.intake.contact")}</dt>
      <dd>
        {item.contactName || item.contactEmail ? (
          <>
            {item.contactName ?? ""}
            {item.contactEmail ? (
              <>
                {" "}
                · <a href={`mailto:${item.contactEmail}`}>{item.contactEmail}</a>
              </>
            ) : null}
          </>
        ) : (
          "–"
        )}
      </dd>
    </>
  );
}
