import type { Route } from "./+types/meeting-minutes";
import { MeetingDocument } from "~/components/agenda-document";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { getMinutes } from "~/modules/meetings/meetings.server";
import { signoffQuorum } from "~/utils/config.server";
import { forPage } from "~/utils/errors";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return forPage(async () => ({ meeting: await getMinutes({ user, meetingId: params.id }), quorum: signoffQuorum() }));
}

/**
 * Minutes generated from the recorded decisions: per item the outcome, GPUs, conditions, note and
 * sign-offs. A refused sign-off reads as not confirmed (who refused and why), never as the outcome;
 * an amended decision shows what it was before; items that left the agenda are listed with why.
 * A ministry officer reads the published minutes of their own ministry's items only.
 */
export default function MeetingMinutes({ loaderData }: Route.ComponentProps) {
  const { meeting, quorum } = loaderData;
  const { t, td, n, d, dt, locale } = useT();
  const agendaNumber = (item: number) => t("deliberation.meeting.agendaNumber", { meeting: meeting.number, item });
  const approver = (s: { approverName: string | null; isChair: boolean }) => `${s.approverName ?? "?"}${s.isChair ? `(${t("signoff.chair")})` : ""}`;
  return (
    <MeetingDocument meetingId={meeting.id} officer={meeting.ownItemsOnly}>
      <h1>{t("meeting.minutesTitle", { number: meeting.number, title: meeting.title })}</h1>
      <p className="doc-meta">
        {t("deliberation.meeting.when", { date: d(meeting.date), time: meeting.startTime ?? "" }).trim()} ·{" "}
        {t("deliberation.meeting.where", { place: meeting.place })}
        {meeting.attendees.length > 0 ? (
          <>
            <br />
            {t("deliberation.meeting.attendees")}: {meeting.attendees.join(", ")}
          </>
        ) : null}
      </p>
      {meeting.status === "cancelled" ? (
        <p className="doc-stamp" data-testid="minutes-cancelled">
          {t("deliberation.minutes.cancelled", { reason: meeting.cancelReason ?? "" })}
        </p>
      ) : null}
      {meeting.status !== "minutesPublished" && meeting.status !== "cancelled" ? (
        <p className="doc-stamp" data-testid="minutes-draft">
          {t("meeting.minutesDraft")}
        </p>
      ) : null}
      {meeting.ownItemsOnly ? <p data-testid="minutes-own-items">{t("deliberation.minutes.ownItemsOnly")}</p> : null}
      {meeting.status !== "cancelled" ? <p>{t("meeting.minutesIntro")}</p> : null}
      {meeting.items.length === 0 && meeting.status !== "cancelled" ? <p>{t("meeting.agendaEmpty")}</p> : null}
      {meeting.items.map((item, index) => {
        const decision = item.decision;
        const conditions = decision ? (decision.proposedConditions.length > 0 ? decision.proposedConditions : decision.conditions) : [];
        const signed = decision?.signoffs.filter((s) => s.verdict === "SIGNED") ?? [];
        const refusals = decision?.signoffs.filter((s) => s.verdict === "REFUSED") ?? [];
        const earlier = item.decisions.filter((x) => x.status === "amended");
        const amendedBy = (id: string) => item.decisions.find((x) => x.amendsId === id);
        return (
          <section key={item.id} data-testid="minutes-item">
            <h2>
              {meeting.ownItemsOnly ? "" : `${t("meeting.agendaNo", { n: index + 1 })} `}[{agendaNumber(item.number)}]{" "}
              {item.request.title ?? t("request.untitled")} ({locale === "ko" ? item.request.ministry.name : item.request.ministry.nameEn}
              {item.request.reference ? ` · ${item.request.reference}` : ""}){item.reconsideration ? ` — ${t("deliberation.meeting.reconsideration")}` : ""}
            </h2>
            {!decision ? (
              <dl>
                <dt>{t("meeting.outcome")}</dt>
                <dd>{t("meeting.notDecided")}</dd>
              </dl>
            ) : decision.status === "refused" ? (
              <dl>
                <dt>{t("meeting.outcome")}</dt>
                <dd data-testid="minutes-not-confirmed">{t("deliberation.minutes.notConfirmed")}</dd>
                <dt>{t("deliberation.minutes.refusal")}</dt>
                <dd>
                  {refusals.map((s) => (
                    <span key={s.id} className="block whitespace-pre-wrap">
                      {t("deliberation.minutes.refusedBy", { name: approver(s), reason: s.comment ?? "" })} ({dt(s.at)})
                    </span>
                  ))}
                </dd>
              </dl>
            ) : (
              <dl>
                <dt>{t("meeting.outcome")}</dt>
                <dd>{td(`meeting.outcomes.${decision.outcome}`)}</dd>
                <dt>{t("meeting.approvedGpus")}</dt>
                <dd>
                  {n(decision.approvedGpus)}
                  {item.request.agreedGpus !== null ? ` (${t("meeting.agreedGpus")} ${n(item.request.agreedGpus)})` : ""}
                </dd>
                <dt>{t("meeting.conditions")}</dt>
                <dd>
                  {conditions.length === 0 ? (
                    t("meeting.noConditions")
                  ) : (
                    <ul>
                      {conditions.map((c, i) => (
                        <li key={i}>
                          {c.text} ({t("condition.due", { date: d(c.dueOn) })})
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
                {decision.note ? (
                  <>
                    <dt>{t("meeting.note")}</dt>
                    <dd className="whitespace-pre-wrap">{decision.note}</dd>
                  </>
                ) : null}
                {earlier.length > 0 ? (
                  <>
                    <dt>{t("deliberation.meeting.previousVersion")}</dt>
                    <dd data-testid="minutes-amended">
                      {earlier.map((x) => (
                        <span key={x.id} className="block">
                          {t("deliberation.minutes.amended", {
                            outcome: td(`meeting.outcomes.${x.outcome}`),
                            gpus: n(x.approvedGpus),
                            date: dt(amendedBy(x.id)?.createdAt ?? x.createdAt),
                            reason: amendedBy(x.id)?.amendReason ?? "",
                          })}
                        </span>
                      ))}
                    </dd>
                  </>
                ) : null}
                <dt>{t("meeting.signoffStatus", { status: td(`signoff.status.${decision.status}`) })}</dt>
                <dd>
                  {t("signoff.progress", { count: signed.length, quorum })}
                  {decision.signoffs.length > 0 ? ` — ${decision.signoffs.map((s) => `${approver(s)} ${td(`signoff.verdict.${s.verdict}`)}`).join(", ")}` : ""}
                </dd>
              </dl>
            )}
          </section>
        );
      })}
      {meeting.removedItems.length > 0 ? (
        <section data-testid="minutes-removed">
          <h2>{t("deliberation.meeting.removed.title")}</h2>
          <ul>
            {meeting.removedItems.map((item) => (
              <li key={item.id}>
                [{agendaNumber(item.number)}] {item.request.title ?? t("request.untitled")} — {td(`deliberation.meeting.removed.kind.${item.removal}`)}
                {item.removalReason ? ` (${t("request.reasons")}: ${item.removalReason})` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="doc-issued-on">{d(meeting.date)}</p>
      <p className="doc-issuer">{t("meeting.printIssued")}</p>
    </MeetingDocument>
  );
}
