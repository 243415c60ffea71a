import { useFetcher } from "react-router";
import { formatMonth } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { AllocationView } from "~/modules/pool/allocations.server";

type ReleaseResult = { ok: boolean; message: string };

/**
 * A request's GPU allocations (officers see only their own ministry's requests, so only theirs).
 * The secretariat can release an active allocation; the form posts to /pool/release and the page
 * reloads its data afterwards.
 */
export function AllocationsPanel({
  allocations,
  approvedGpus,
  canRelease,
}: {
  allocations: AllocationView[];
  approvedGpus: number | null;
  canRelease: boolean;
}) {
  const { t, n, d, locale } = useT();
  const fetcher = useFetcher<ReleaseResult>();
  if (allocations.length === 0 && !approvedGpus) return null;
  const active = allocations.filter((a) => !a.releasedAt).reduce((s, a) => s + a.gpus, 0);
  return (
    <section aria-labelledby="allocations" className="card space-y-3" data-testid="allocations-panel">
      <h2 id="allocations" className="text-lg font-bold">
        {t("pool.panel.title")}
      </h2>
      {approvedGpus ? (
        <p className="text-sm" data-testid="allocation-summary">
          {t("pool.panel.summary", { approved: n(approvedGpus), allocated: n(active) })}
        </p>
      ) : null}
      {fetcher.data ? (
        <div role={fetcher.data.ok ? "status" : "alert"} className={fetcher.data.ok ? "alert-success" : "alert-error"}>
          {fetcher.data.message}
        </div>
      ) : null}
      {allocations.length === 0 ? (
        <p className="text-sm">{t("pool.panel.empty")}</p>
      ) : (
        <div className="overflow-x-auto" role="region" aria-label={t("common.scrollTable", { name: t("pool.panel.title") })} tabIndex={0}>
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-1 pr-3">
                  {t("pool.tranche")}
                </th>
                <th scope="col" className="py-1 pr-3 text-right">
                  {t("pool.gpus")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("pool.ledger.period")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("pool.ledger.status")}
                </th>
                {canRelease ? (
                  <th scope="col" className="py-1">
                    <span className="sr-only">{t("pool.ledger.release")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {allocations.map((a) => (
                <tr key={a.id} className="border-b border-slate-100" data-testid="allocation-row">
                  <td className="py-1 pr-3">
                    {a.tranche.label}{" "}
                    <span className="text-slate-600">
                      ({formatMonth(locale, a.tranche.arrivesOn)} · {a.tranche.gpuModel})
                    </span>
                  </td>
                  <td className="py-1 pr-3 text-right">{n(a.gpus)}</td>
                  <td className="py-1 pr-3">{t("pool.ledger.periodValue", { start: a.startMonth, months: a.months })}</td>
                  <td className="py-1 pr-3">{a.releasedAt ? `${t("pool.ledger.released")} (${d(a.releasedAt)})` : t("pool.ledger.active")}</td>
                  {canRelease ? (
                    <td className="py-1">
                      {a.releasedAt ? null : (
                        <fetcher.Form method="post" action="/pool/release">
                          <input type="hidden" name="allocationId" value={a.id} />
                          <button type="submit" className="btn-secondary" disabled={fetcher.state !== "idle"}>
                            {t("pool.ledger.release")}
                          </button>
                        </fetcher.Form>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
