import type { Route } from "./+types/request-decision";
import { DocumentPage } from "~/components/agenda-document";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { decisionNotice } from "~/modules/meetings/signoffs.server";
import { forPage } from "~/utils/errors";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return forPage(async () => ({ notice: await decisionNotice({ user, requestId: params.id }) }));
}

/**
 * The decision notice (결정 통지) of a decided request as a printable A4 page: to the ministry, from
 * the secretariat, the decision in force with its meeting, 의안번호, conditions and sign-offs.
 */
export default function RequestDecisionNotice({ loaderData }: Route.ComponentProps) {
  const { notice } = loaderData;
  const { request, meeting, decision } = notice;
  const { t, td, n, d, dt, locale } = useT();
  const meetingName = t("meeting.fullTitle", { number: meeting.number, title: meeting.title });
  const signed = decision.signoffs.filter((s) => s.verdict === "SIGNED");
  return (
    <DocumentPage back={{ to: `/requests/${request.id}`, label: t("deliberation.notice.back") }}>
      <h1>{t("deliberation.notice.title")}</h1>
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- scrolls sideways on a phone (axe scrollable-region-focusable) */}
      <table data-testid="notice-header" tabIndex={0}>
        <colgroup>
          <col style={{ width: "18%" }} />
          <col />
        </colgroup>
        <tbody>
          <tr>
            <th scope="row">{t("deliberation.notice.to")}</th>
            <td>{locale === "ko" ? request.ministry.name : request.ministry.nameEn}</td>
          </tr>
          <tr>
            <th scope="row">{t("deliberation.notice.from")}</th>
            <td>{t("meeting.printIssued")}</td>
          </tr>
          <tr>
            <th scope="row">{t("deliberation.notice.subject")}</th>
            <td>{t("deliberation.notice.subjectText", { title: request.title ?? t("request.untitled") })}</td>
          </tr>
        </tbody>
      </table>
      <p style={{ marginTop: "1.2em" }}>{t("deliberation.notice.intro", { meeting: meetingName, date: d(meeting.date) })}</p>
      {notice.replacesEarlier ? <p data-testid="notice-reconsideration">{t("deliberation.notice.reconsideration")}</p> : null}
      <section data-testid="notice-decision">
        <dl>
          <dt>{t("deliberation.notice.number")}</dt>
          <dd>{decision.agendaNumber ? t("deliberation.meeting.agendaNumber", { meeting: meeting.number, item: decision.agendaNumber }) : "–"}</dd>
          <dt>{t("deliberation.notice.request")}</dt>
          <dd>
            {request.title ?? t("request.untitled")}
            {request.reference ? ` (${request.reference})` : ""}
          </dd>
          <dt>{t("deliberation.notice.outcome")}</dt>
          <dd>{td(`meeting.outcomes.${decision.outcome}`)}</dd>
          <dt>{t("deliberation.notice.approvedGpus")}</dt>
          <dd>{n(decision.approvedGpus)}</dd>
          <dt>{t("deliberation.notice.conditions")}</dt>
          <dd>
            {decision.proposedConditions.length === 0 ? (
              t("meeting.noConditions")
            ) : (
              <ul>
                {decision.proposedConditions.map((c, i) => (
                  <li key={i}>
                    {c.text} ({t("condition.due", { date: d(c.dueOn) })})
                  </li>
                ))}
              </ul>
            )}
          </dd>
          {decision.note ? (
            <>
              <dt>{t("deliberation.notice.note")}</dt>
              <dd className="whitespace-pre-wrap">{decision.note}</dd>
            </>
          ) : null}
          <dt>{t("deliberation.notice.signoffs")}</dt>
          <dd>
            {signed.map((s) => `${s.approverName ?? "?"}${s.isChair ? `(${t("signoff.chair")})` : ""}`).join(", ")} —{" "}
            {t("signoff.progress", { count: signed.length, quorum: notice.quorum })}
          </dd>
          <dt>{t("deliberation.notice.effectiveAt")}</dt>
          <dd>{decision.effectiveAt ? dt(decision.effectiveAt) : "–"}</dd>
        </dl>
      </section>
      <p className="doc-issued-on">{decision.effectiveAt ? d(decision.effectiveAt) : d(meeting.date)}</p>
      <p className="doc-issuer">{t("meeting.printIssued")}</p>
    </DocumentPage>
  );
}
