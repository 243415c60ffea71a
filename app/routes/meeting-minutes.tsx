import type { Route } from "./+types/meeting-minutes";
import { MeetingDocument } from "~/components/agenda-document";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { getMeeting } from "~/modules/meetings/meetings.server";
import { signoffQuorum } from "~/utils/config.server";
import { forPage } from "~/utils/errors";

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request);
  return forPage(async () => ({ meeting: await getMeeting({ user, meetingId: params.id }), quorum: signoffQuorum() }));
}

/** Minutes generated from the recorded decisions: per item the outcome, GPUs, conditions, note and sign-offs. */
export default function MeetingMinutes({ loaderData }: Route.ComponentProps) {
  const { meeting, quorum } = loaderData;
  const { t, td, n, d, locale } = useT();
  return (
    <MeetingDocument meetingId={meeting.id}>
      <h1>{t("meeting.minutesTitle", { number: meeting.number, title: meeting.title })}</h1>
      <p className="doc-meta">{t("meeting.printMeta", { date: d(meeting.date), place: meeting.place })}</p>
      {meeting.status !== "minutesPublished" ? <p className="doc-stamp" data-testid="minutes-draft">{t("meeting.minutesDraft")}</p> : null}
      <p>{t("meeting.minutesIntro")}</p>
      {meeting.items.length === 0 ? <p>{t("meeting.agendaEmpty")}</p> : null}
      {meeting.items.map((item, index) => {
        const decision = item.decision;
        const conditions = decision ? (decision.proposedConditions.length > 0 ? decision.proposedConditions : decision.conditions) : [];
        const signed = decision?.signoffs.filter((s) => s.verdict === "SIGNED") ?? [];
        return (
          <section key={item.id} data-testid="minutes-item">
            <h2>
              {t("meeting.agendaNo", { n: index + 1 })} {item.request.title ?? t("request.untitled")}
              {" "}({locale === "ko" ? item.request.ministry.name : item.request.ministry.nameEn}{item.request.reference ? ` · ${item.request.reference}` : ""})
            </h2>
            {decision ? (
              <dl>
                <dt>{t("meeting.outcome")}</dt>
                <dd>{td(`meeting.outcomes.${decision.outcome}`)}</dd>
                <dt>{t("meeting.approvedGpus")}</dt>
                <dd>{n(decision.approvedGpus)}{item.request.agreedGpus !== null ? ` (${t("meeting.agreedGpus")} ${n(item.request.agreedGpus)})` : ""}</dd>
                <dt>{t("meeting.conditions")}</dt>
                <dd>
                  {conditions.length === 0 ? t("meeting.noConditions") : (
                    <ul>{conditions.map((c, i) => <li key={i}>{c.text} ({t("condition.due", { date: d(c.dueOn) })})</li>)}</ul>
                  )}
                </dd>
                {decision.note ? (<><dt>{t("meeting.note")}</dt><dd className="whitespace-pre-wrap">{decision.note}</dd></>) : null}
                <dt>{t("meeting.signoffStatus", { status: td(`signoff.status.${decision.status}`) })}</dt>
                <dd>
                  {t("signoff.progress", { count: signed.length, quorum })}
                  {decision.signoffs.length > 0 ? ` — ${decision.signoffs.map((s) => `${s.approverName ?? "?"}${s.isChair ? `(${t("signoff.chair")})` : ""} ${td(`signoff.verdict.${s.verdict}`)}`).join(", ")}` : ""}
                </dd>
              </dl>
            ) : (
              <dl><dt>{t("meeting.outcome")}</dt><dd>{t("meeting.notDecided")}</dd></dl>
            )}
          </section>
        );
      })}
      <p className="doc-issued-on">{d(meeting.date)}</p>
      <p className="doc-issuer">{t("meeting.printIssued")}</p>
    </MeetingDocument>
  );
}
