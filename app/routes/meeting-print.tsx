import type { Route } from "./+types/meeting-print";
import { MeetingDocument, shorten } from "~/components/agenda-document";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { getMeeting } from "~/modules/meetings/meetings.server";
import { forPage } from "~/utils/errors";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return forPage(async () => ({ meeting: await getMeeting({ user, meetingId: params.id }) }));
}

/** The agenda as a printable A4 document (「제N회 과학기술관계장관회의 안건 목록」). */
export default function MeetingPrint({ loaderData }: Route.ComponentProps) {
  const { meeting } = loaderData;
  const { t, n, d, locale } = useT();
  const sum = (pick: (i: (typeof meeting.items)[number]) => number | null) => meeting.items.reduce((s, i) => s + (pick(i) ?? 0), 0);
  return (
    <MeetingDocument meetingId={meeting.id}>
      <h1>{t("meeting.printTitle", { title: t("meeting.fullTitle", { number: meeting.number, title: meeting.title }) })}</h1>
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
      {meeting.status === "cancelled" ? <p className="doc-stamp">{t("deliberation.minutes.cancelled", { reason: meeting.cancelReason ?? "" })}</p> : null}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- scrolls sideways on a phone (axe scrollable-region-focusable) */}
      <table data-testid="print-agenda" tabIndex={0}>
        <colgroup>
          <col style={{ width: "8%" }} />
          <col style={{ width: "24%" }} />
          <col style={{ width: "16%" }} />
          <col style={{ width: "11%" }} />
          <col style={{ width: "11%" }} />
          <col style={{ width: "30%" }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t("meeting.itemNumber")}</th>
            <th scope="col">{t("request.title")}</th>
            <th scope="col">{t("meeting.proposer")}</th>
            <th scope="col">{t("meeting.requestedGpus")}</th>
            <th scope="col">{t("meeting.agreedGpus")}</th>
            <th scope="col">{t("meeting.summary")}</th>
          </tr>
        </thead>
        <tbody>
          {meeting.items.length === 0 ? (
            <tr>
              <td colSpan={6} className="center">
                {t("meeting.agendaEmpty")}
              </td>
            </tr>
          ) : (
            meeting.items.map((item, index) => (
              <tr key={item.id}>
                <td className="center">
                  {t("meeting.agendaNo", { n: index + 1 })}
                  <span className="doc-ref">{t("deliberation.meeting.agendaNumber", { meeting: meeting.number, item: item.number })}</span>
                </td>
                <td>
                  {item.request.title ?? t("request.untitled")}
                  {item.request.reference ? <span className="doc-ref">{item.request.reference}</span> : null}
                </td>
                <td className="center">{locale === "ko" ? item.request.ministry.name : item.request.ministry.nameEn}</td>
                <td className="num">{item.request.gpusRequested === null ? "–" : n(item.request.gpusRequested)}</td>
                <td className="num">{item.request.agreedGpus === null ? "–" : n(item.request.agreedGpus)}</td>
                <td>{shorten(item.request.problemStatement)}</td>
              </tr>
            ))
          )}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3} className="center">
              {t("meeting.total")} ({t("meeting.items", { count: meeting.items.length })})
            </td>
            <td className="num">{n(sum((i) => i.request.gpusRequested))}</td>
            <td className="num">{n(sum((i) => i.request.agreedGpus))}</td>
            <td />
          </tr>
        </tfoot>
      </table>
      <p className="doc-issued-on">{d(meeting.date)}</p>
      <p className="doc-issuer">{t("meeting.printIssued")}</p>
    </MeetingDocument>
  );
}
