import type { Route } from "./+types/meeting-agenda-csv";
import { translate, translateDynamic } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import { requireUser } from "~/modules/auth/session.server";
import { agendaCsvRows, attachmentDisposition, toCsv } from "~/modules/meetings/agenda-csv";
import { getMeeting } from "~/modules/meetings/meetings.server";
import { forPage } from "~/utils/errors";
import { apiLocale, langCookie } from "~/utils/locale.server";

/** The page language when the switch set one, otherwise the caller's Accept-Language. */
async function csvLocale(request: Request): Promise<Locale> {
  const cookie = await langCookie.parse(request.headers.get("Cookie"));
  return cookie === "en" || cookie === "ko" ? cookie : apiLocale(request);
}

/** GET /meetings/:id/agenda.csv — the agenda for Excel (UTF-8 with BOM, RFC 4180). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  const meeting = await forPage(() => getMeeting({ user, meetingId: params.id }));
  const locale = await csvLocale(request);
  const t = (key: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(locale, key, p);
  const header = [
    t("meeting.itemNumber"),
    t("deliberation.meeting.agendaNumberLabel"),
    t("meeting.reference"),
    t("request.title"),
    t("meeting.proposer"),
    t("meeting.requestedGpus"),
    t("meeting.agreedGpus"),
    t("request.state"),
    t("meeting.outcome"),
    t("meeting.approvedGpus"),
    t("meeting.summary"),
  ];
  const csv = toCsv(
    agendaCsvRows(meeting.items, locale, {
      header,
      state: (s) => translateDynamic(locale, `workflow.state.${s}`),
      outcome: (o) => translateDynamic(locale, `meeting.outcomes.${o}`),
      refused: t("deliberation.minutes.notConfirmed"),
      agendaNumber: (item) => t("deliberation.meeting.agendaNumber", { meeting: meeting.number, item }),
    }),
  );
  const name = `${t("meeting.fullTitle", { number: meeting.number, title: meeting.title })} ${t("meeting.agenda")}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentDisposition(name, `meeting-${meeting.number}-agenda.csv`),
      "Cache-Control": "private, no-store",
    },
  });
}
