import { useT } from "~/i18n/use-t";

export interface DecisionView {
  id: string;
  outcome: string;
  approvedGpus: number;
  note: string | null;
  status: string;
  createdAt: Date | string;
  effectiveAt: Date | string | null;
  meeting: { number: number; date: string } | null;
  /** 의안번호 of the item it decided, within its meeting */
  agendaNumber?: number | null;
  /** set on a version that corrects an earlier one (AMEND_DECISION) */
  amendReason?: string | null;
  proposedConditions: { text: string; dueOn: string }[];
  signoffs: { id: string; approverName: string | null; isChair: boolean; verdict: string; comment: string | null; at: Date | string }[];
}

/**
 * One decision of the meeting with its sign-off progress (used by the sign-off inbox, the meeting and
 * the request page). A refused one says plainly that it is not confirmed; an amended version says
 * when and why it was corrected.
 */
export function DecisionSummary({ decision, quorum, agreedGpus }: { decision: DecisionView; quorum: number; agreedGpus?: number | null }) {
  const { t, td, n, d, dt } = useT();
  const signed = decision.signoffs.filter((s) => s.verdict === "SIGNED").length;
  const refused = decision.status === "refused";
  const superseded = decision.status === "amended" || decision.status === "superseded";
  return (
    <div className={`space-y-2 text-sm ${superseded ? "text-slate-600" : ""}`} data-testid="decision" data-status={decision.status}>
      <p>
        {decision.meeting ? <strong>{t("signoff.decisionOf", { meeting: t("meeting.numbered", { number: decision.meeting.number }) })}</strong> : null}
        {decision.meeting && decision.agendaNumber
          ? ` (${t("deliberation.meeting.agendaNumber", { meeting: decision.meeting.number, item: decision.agendaNumber })})`
          : ""}
        {decision.meeting ? ` · ${d(decision.meeting.date)}` : ""}
        {" · "}
        <span className={`rounded px-2 py-0.5 font-semibold ${refused ? "bg-red-100 text-red-900" : "bg-slate-100"}`}>
          {td(`signoff.status.${decision.status}`)}
        </span>
      </p>
      {refused ? (
        <p className="font-semibold text-red-800" data-testid="decision-not-confirmed">
          {t("deliberation.minutes.notConfirmed")}
        </p>
      ) : null}
      {decision.amendReason ? (
        <p data-testid="decision-amended">{t("deliberation.meeting.amendedNote", { date: dt(decision.createdAt), reason: decision.amendReason })}</p>
      ) : null}
      <dl className="grid grid-cols-[minmax(0,max-content)_minmax(0,1fr)] gap-x-4 gap-y-1 [&_dd]:[overflow-wrap:anywhere]">
        <dt className="font-semibold">{t("meeting.outcome")}</dt>
        <dd>{td(`meeting.outcomes.${decision.outcome}`)}</dd>
        <dt className="font-semibold">{t("meeting.approvedGpus")}</dt>
        <dd>
          {n(decision.approvedGpus)}
          {agreedGpus ? ` / ${t("meeting.agreedGpus")} ${n(agreedGpus)}` : ""}
        </dd>
        {decision.note ? (
          <>
            <dt className="font-semibold">{t("meeting.note")}</dt>
            <dd className="whitespace-pre-wrap">{decision.note}</dd>
          </>
        ) : null}
        {decision.proposedConditions.length > 0 ? (
          <>
            <dt className="font-semibold">{t("meeting.conditions")}</dt>
            <dd>
              <ul className="ml-5 list-disc">
                {decision.proposedConditions.map((c, i) => (
                  <li key={i}>
                    {c.text} ({t("condition.due", { date: d(c.dueOn) })})
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      <p className="font-semibold">
        {t("signoff.progress", { count: signed, quorum })} · <span className="font-normal text-slate-600">{t("signoff.quorum", { quorum })}</span>
      </p>
      {decision.signoffs.length > 0 ? (
        <ul className="ml-5 list-disc">
          {decision.signoffs.map((s) => (
            <li key={s.id}>
              {td(`signoff.verdict.${s.verdict}`)}: {s.approverName}
              {s.isChair ? ` (${t("signoff.chair")})` : ""} · {dt(s.at)}
              {s.comment ? (
                <>
                  {" "}
                  — <span className="whitespace-pre-wrap">{s.comment}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
