import { Form, Link, useNavigation } from "react-router";
import { formatMonth } from "~/i18n/format";
import type { Route } from "./+types/pool-plan";
import { CapacityChart } from "~/components/capacity-chart";
import { StateBadge } from "~/components/state-badge";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/permissions.server";
import { handlePoolForm } from "~/modules/pool/pool-form.server";
import { planCandidates, proposeSchedule, type PlanReason } from "~/modules/pool/planning.server";
import { forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { readForm } from "~/utils/api.server";

/** The what-if is a GET (nothing is written); only "commit" posts. */
export async function loader({ request, url, context }: Route.LoaderArgs) {
  return forPage(async () => {
    const user = await requirePermission(request, "pool:allocate", context);
    const candidates = await planCandidates({ user });
    const pipelineIds = new Set(candidates.pipeline.map((r) => r.id));
    const picked = url.searchParams.getAll("whatIf").filter((id) => pipelineIds.has(id));
    const run = url.searchParams.has("run");
    const plan = run ? await proposeSchedule({ user, requestIds: [...candidates.approved.map((r) => r.id), ...picked] }) : null;
    return { candidates, picked, plan };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await forPage(() => requirePermission(request, "pool:allocate", context));
  return handlePoolForm({ user, locale: await pageLocale(request), form: await readForm(request) });
}

function Reason({ reason }: { reason: PlanReason }) {
  const { td, n } = useT();
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(reason)) if (k !== "code") params[k] = typeof v === "number" ? n(v) : String(v);
  return <li>{td(`pool.planner.reasons.${reason.code}`, params)}</li>;
}

function Npu() {
  const { t } = useT();
  return <span className="badge ml-1 bg-emerald-100 text-emerald-900">{t("pool.npu.badge")}</span>;
}

export default function PoolPlan({ loaderData, actionData }: Route.ComponentProps) {
  const { candidates, picked, plan } = loaderData;
  const { t, td, n, locale } = useT();
  const navigation = useNavigation();
  const running = navigation.state === "loading" && navigation.location?.pathname === "/pool/plan";
  const committing = navigation.state === "submitting";
  const realAllocations =
    plan?.allocations
      .filter((a) => !a.whatIf)
      .map(({ requestId, trancheId, gpus, startMonth, months }) => ({ requestId, trancheId, gpus, startMonth, months })) ?? [];
  const realRequests = new Set(realAllocations.map((a) => a.requestId)).size;
  const ministry = (m: { name: string; nameEn: string }) => (locale === "ko" ? m.name : m.nameEn);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="page-title">
          {t("pool.planner.title")} <span className="badge ml-2 bg-amber-100 align-middle text-amber-900">{t("pool.planningFigures")}</span>
        </h1>
        <p className="text-sm text-slate-700">{t("pool.planner.intro")}</p>
        <p className="no-print">
          <Link to="/pool">{t("pool.nav.overview")}</Link>
        </p>
      </header>

      {actionData ? (
        <div role={actionData.ok ? "status" : "alert"} className={actionData.ok ? "alert-success" : "alert-error"} data-testid="commit-result">
          {actionData.message}
        </div>
      ) : null}

      <Form method="get" className="card space-y-4 no-print">
        <fieldset className="space-y-2">
          <legend className="text-lg font-bold">{t("pool.planner.pipeline")}</legend>
          <p className="text-sm text-slate-600">{t("pool.planner.pipelineHint")}</p>
          {candidates.pipelineTotal > candidates.pipeline.length ? (
            <p className="text-sm text-slate-700" data-testid="pipeline-shown">
              {t("pool.planner.pipelineShown", { shown: n(candidates.pipeline.length), total: n(candidates.pipelineTotal) })}
            </p>
          ) : null}
          {candidates.pipeline.length === 0 ? (
            <p className="text-sm">{t("pool.planner.noPipeline")}</p>
          ) : (
            <ul className="space-y-1">
              {candidates.pipeline.map((r) => (
                <li key={r.id}>
                  <label className="flex flex-wrap items-center gap-2 text-sm">
                    <input type="checkbox" name="whatIf" value={r.id} defaultChecked={picked.includes(r.id)} />
                    <span>
                      {r.reference} {r.title}
                    </span>
                    <span className="text-slate-600">
                      · {ministry(r.ministry)} · {td(`request.sectors.${r.sector}`)} · {n(r.gpus)} GPU
                    </span>
                    <StateBadge state={r.state} detail={r.stateDetail} />
                    {r.npuCapable ? <Npu /> : null}
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <div className="space-y-1">
          <h2 className="text-lg font-bold">{t("pool.planner.approved")}</h2>
          {candidates.approved.length === 0 ? (
            <p className="text-sm">{t("pool.planner.noApproved")}</p>
          ) : (
            <ul className="ml-5 list-disc text-sm">
              {candidates.approved.map((r) => (
                <li key={r.id}>
                  {r.reference} {r.title}{" "}
                  <span className="text-slate-600">
                    · {ministry(r.ministry)} · {n(r.allocated)}/{n(r.gpus)} GPU
                  </span>
                  {r.npuCapable ? <Npu /> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
        <button type="submit" name="run" value="1" className="btn-primary" disabled={running}>
          {running ? t("pool.planner.running") : t("pool.planner.run")}
        </button>
      </Form>

      {plan ? (
        <>
          <section aria-labelledby="plan-result" className="card space-y-3" data-testid="plan-result">
            <h2 id="plan-result" className="text-lg font-bold">
              {t("pool.planner.result")}
            </h2>
            <p className="text-sm text-slate-700">{t("pool.planner.resultNote")}</p>
            <div className="overflow-x-auto" role="region" aria-label={t("common.scrollTable", { name: t("pool.planner.result") })} tabIndex={0}>
              <table className="w-full text-sm">
                <thead>
                  <tr className="border-b border-slate-300 text-left">
                    <th scope="col" className="py-1 pr-3">
                      {t("pool.planner.priority")}
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      {t("pool.ledger.request")}
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      {t("pool.planner.kind")}
                    </th>
                    <th scope="col" className="py-1 pr-3 text-right">
                      {t("pool.planner.need")}
                    </th>
                    <th scope="col" className="py-1 pr-3 text-right">
                      {t("pool.planner.scheduled")}
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      {t("pool.planner.start")}
                    </th>
                    <th scope="col" className="py-1">
                      {t("pool.planner.explanation")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {plan.perRequest.map((p) => (
                    <tr key={p.requestId} className="border-b border-slate-100 align-top" data-testid="plan-row">
                      <td className="py-1 pr-3">{td(`pool.planner.priorities.p${p.priority}`)}</td>
                      <td className="py-1 pr-3">
                        <Link to={`/requests/${p.requestId}`}>
                          {p.request.reference} {p.request.title}
                        </Link>
                        <span className="block text-xs text-slate-600">
                          {ministry(p.request.ministry)} · {td(`request.sectors.${p.request.sector}`)}
                        </span>
                        {p.npuCapable ? <Npu /> : null}
                      </td>
                      <td className="py-1 pr-3">
                        {p.request.whatIf ? (
                          <span className="badge bg-violet-100 text-violet-900">{t("pool.planner.whatIf")}</span>
                        ) : (
                          <span className="badge bg-gov-100 text-gov-900">{t("pool.planner.real")}</span>
                        )}
                      </td>
                      <td className="py-1 pr-3 text-right">{n(p.scheduled + p.missing)}</td>
                      <td className="py-1 pr-3 text-right">{n(p.scheduled)}</td>
                      <td className="whitespace-nowrap py-1 pr-3">{p.startMonth ?? "–"}</td>
                      <td className="py-1">
                        <ul>
                          {p.reasons.map((r, i) => (
                            <Reason key={i} reason={r} />
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {plan.npuCapableGpus > 0 ? <p className="text-sm">{t("pool.planner.npuSummary", { n: n(plan.npuCapableGpus) })}</p> : null}
          </section>

          <section aria-labelledby="fill" className="card space-y-2">
            <h2 id="fill" className="text-lg font-bold">
              {t("pool.planner.trancheFill")}
            </h2>
            <table className="w-full text-sm" data-testid="tranche-fill">
              <thead>
                <tr className="border-b border-slate-300 text-right">
                  <th scope="col" className="py-1 pr-3 text-left">
                    {t("pool.tranche")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-left">
                    {t("pool.arrivesOn")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("pool.capacity")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("pool.planner.before")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("pool.planner.plannedCol")}
                  </th>
                  <th scope="col" className="py-1">
                    {t("pool.remaining")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {plan.trancheFill.map((f) => (
                  <tr key={f.trancheId} className="border-b border-slate-100 text-right">
                    <th scope="row" className="py-1 pr-3 text-left font-normal">
                      {f.label}
                    </th>
                    <td className="py-1 pr-3 text-left">{formatMonth(locale, f.arrivesOn)}</td>
                    <td className="py-1 pr-3">{n(f.capacity)}</td>
                    <td className="py-1 pr-3">{n(f.allocatedBefore)}</td>
                    <td className="py-1 pr-3 font-semibold">{f.planned > 0 ? n(f.planned) : "–"}</td>
                    <td className="py-1">{n(f.remaining)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <CapacityChart points={plan.timeline} showPlanned />

          <section aria-labelledby="commit" className="card space-y-2 no-print">
            <h2 id="commit" className="sr-only">
              {t("pool.planner.commit", { count: realRequests })}
            </h2>
            <p className="text-sm text-slate-700">{t("pool.planner.commitHint")}</p>
            {realAllocations.length === 0 ? (
              <p className="text-sm">{t("pool.planner.nothingToCommit")}</p>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="commitPlan" />
                <input type="hidden" name="allocations" value={JSON.stringify(realAllocations)} />
                <button type="submit" className="btn-primary" disabled={committing}>
                  {committing ? t("pool.planner.committing") : t("pool.planner.commit", { count: realRequests })}
                </button>
              </Form>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
