import { getFormProps } from "@conform-to/react";
import { Form, redirect, useNavigation } from "react-router";
import { useRouterLinks } from "~/components/router-links";
import type { Route } from "./+types/meetings";
import { MeetingStatusBadge } from "~/components/agenda-status";
import { Field, FormErrors, TextareaField, useSchemaForm } from "~/components/forms";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { createMeetingFormSchema } from "~/modules/meetings/meeting.schema";
import { createMeeting, listMeetings } from "~/modules/meetings/meetings.server";
import { forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { can } from "~/modules/auth/permissions";
import { readForm } from "~/utils/api.server";
import { todayInKorea } from "~/utils/clock";
import { replyFor, resultFor } from "~/utils/form";
import { formAction } from "~/utils/page-action.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return forPage(async () => {
    const meetings = await listMeetings({ user });
    return { meetings, canCreate: can(user, "meeting:manage"), nextNumber: (meetings[0]?.number ?? 0) + 1, today: todayInKorea() };
  });
}

/** A new meeting: Post/Redirect/Get to its page; a taken number or a past date is said beside its field. */
export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  return formAction({
    locale: await pageLocale(request),
    formData: await readForm(request),
    schema: createMeetingFormSchema,
    form: "meeting",
    fieldOf: (error) =>
      (({ "meeting.error.numberTaken": "number", "deliberation.meeting.error.datePast": "date" }) as Record<string, string>)[error.messageKey],
    work: async (input) => {
      const meeting = await createMeeting({ user, input });
      return redirect(`/meetings/${meeting.id}?created=1`);
    },
  });
}

export default function Meetings({ loaderData, actionData }: Route.ComponentProps) {
  const { meetings, canCreate, nextNumber, today } = loaderData;
  const { t, d } = useT();
  const followLink = useRouterLinks();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useSchemaForm({
    id: "meeting",
    form: "meetingCreate",
    lastResult: resultFor(actionData, "meeting"),
    defaultValue: { number: String(nextNumber), title: translate("ko", "meeting.defaultTitle") },
  });
  const refused = replyFor(actionData, "meeting");
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("meeting.listTitle")}</h1>
      {meetings.length === 0 ? (
        <p className="card">{t("meeting.empty")}</p>
      ) : (
        // the rows' links are plain anchors (a router <Link> per row cost more to render than the row): routed here
        // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- routes its anchors
        <div className="overflow-x-auto" role="region" aria-label={t("meeting.listTitle")} tabIndex={0} onClick={followLink}>
          <table className="w-full border-collapse bg-white text-sm" data-testid="meeting-list">
            <thead>
              <tr className="border-b-2 border-slate-300 text-left">
                <th scope="col" className="p-2">
                  {t("meeting.number")}
                </th>
                <th scope="col" className="p-2">
                  {t("meeting.date")}
                </th>
                <th scope="col" className="p-2">
                  {t("meeting.title")}
                </th>
                <th scope="col" className="p-2">
                  {t("meeting.place")}
                </th>
                <th scope="col" className="p-2">
                  {t("meeting.statusLabel")}
                </th>
                <th scope="col" className="p-2">
                  {t("meeting.counts")}
                </th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id} className="border-b border-slate-200">
                  <td className="p-2 whitespace-nowrap">
                    <a href={`/meetings/${m.id}`} data-discover="true">
                      {t("meeting.numbered", { number: m.number })}
                    </a>
                  </td>
                  <td className="p-2 whitespace-nowrap">
                    {d(m.date)}
                    {m.startTime ? ` ${m.startTime}` : ""}
                  </td>
                  <td className="p-2 min-w-32">{m.title}</td>
                  <td className="p-2 min-w-24">{m.place}</td>
                  <td className="p-2">
                    <MeetingStatusBadge status={m.status} />
                  </td>
                  <td className="p-2 whitespace-nowrap">
                    {t("meeting.items", { count: m.itemCount })} · {t("meeting.decisionsCount", { count: m.decisionCount })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {canCreate ? (
        <section aria-labelledby="new-meeting" className="card">
          <h2 id="new-meeting" className="text-lg font-bold">
            {t("meeting.newMeeting")}
          </h2>
          {refused ? (
            <div role="alert" className="alert-error mt-2">
              {refused.message}
            </div>
          ) : null}
          <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-3 md:grid-cols-[8rem_12rem_8rem_1fr_1fr] md:items-start">
            <div className="md:col-span-5">
              <FormErrors form={form} />
            </div>
            <Field meta={fields.number} label={t("meeting.number")} type="number" inputProps={{ inputMode: "numeric" }} />
            <Field meta={fields.date} label={t("meeting.date")} type="date" inputProps={{ min: today }} />
            <Field meta={fields.startTime} label={t("deliberation.meeting.startTime")} type="time" />
            <Field meta={fields.title} label={t("meeting.title")} />
            <Field meta={fields.place} label={t("meeting.place")} />
            <TextareaField
              meta={fields.attendees}
              label={t("deliberation.meeting.attendees")}
              hint={t("deliberation.meeting.attendeesHint")}
              className="md:col-span-4"
            />
            <button type="submit" className="btn-primary md:mt-6" disabled={busy}>
              {busy ? t("common.loading") : t("meeting.create")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
