import type { Translator } from "~/i18n/use-t";
import type { requestHistoryPage } from "~/modules/requests/requests.server";
import { returnReasonText } from "~/modules/screening/return-reasons";

type HistoryEvent = Awaited<ReturnType<typeof requestHistoryPage>>["events"][number];

/**
 * One page of a request's history, as the request page lists it: what happened, when, by whom, with the
 * reasons, notes and figures it carried. A pure function of the events and the language: the server
 * renders it to HTML once per kept page and language (request-history.server.tsx, ADR 0049), and the
 * page shows that HTML.
 */
export function HistoryEvents({ events, tr }: { events: readonly HistoryEvent[]; tr: Translator }) {
  const { t, td, n, dt, locale } = tr;
  const historyLabel = (type: string, payload: Record<string, unknown>) => {
    if (type === "CREATE") return t("request.created");
    if (type === "EDIT") return t("request.edited");
    if (type === "ATTACH" || type === "DETACH") return td(`attachment.history.${type}`, { name: String(payload.name ?? "") });
    const side = typeof payload.side === "string" ? td(`plan.side.${payload.side}`) : "";
    const activity = td(`activity.${type}`, { revision: String(payload.revision ?? ""), side });
    return activity !== `activity.${type}` ? activity : td(`workflow.eventDone.${type}`);
  };
  return (
    <>
      {events.map((h) => (
        <li key={h.seq} className="card text-sm">
          <p>
            <strong>{historyLabel(h.type, h.payload)}</strong>
            {h.toState && h.fromState !== h.toState ? ` → ${td(`workflow.state.${h.toState}`)}` : ""}
          </p>
          <p className="text-slate-600">
            {dt(h.at)} · {h.actor ? `${h.actor.name} (${td(`role.${h.actor.role}`)})` : t("request.system")}
          </p>
          {Array.isArray(h.payload.reasons) ? (
            <ul className="ml-5 list-disc">
              {(h.payload.reasons as string[]).map((r) => (
                <li key={r}>{returnReasonText(locale, r)}</li>
              ))}
            </ul>
          ) : null}
          {typeof h.payload.reason === "string" ? (
            <p>
              {t("request.reasons")}: {h.payload.reason}
            </p>
          ) : null}
          {typeof h.payload.note === "string" ? <p>{h.payload.note}</p> : null}
          {h.type === "DECIDE" || h.type === "AMEND_DECISION" ? (
            <p>{t("activity.decided", { outcome: td(`meeting.outcomes.${String(h.payload.outcome)}`), gpus: n(Number(h.payload.approvedGpus)) })}</p>
          ) : null}
          {typeof h.payload.comment === "string" ? <p>{t("activity.comment", { comment: h.payload.comment })}</p> : null}
          {(h.type === "ALLOCATE" || h.type === "RELEASE" || h.type === "ALLOCATION_RELEASED") && typeof h.payload.gpus === "number" ? (
            <p>{t("activity.gpus", { gpus: n(h.payload.gpus) })}</p>
          ) : null}
        </li>
      ))}
    </>
  );
}
