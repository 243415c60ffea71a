import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/meetings";
import { MeetingStatusBadge } from "~/components/agenda-status";
import { fieldMessages } from "~/i18n/field-messages";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { attendeesFromText, createMeetingSchema } from "~/modules/meetings/meeting.schema";
import { createMeeting, listMeetings } from "~/modules/meetings/meetings.server";
import { AppError, forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { can } from "~/modules/auth/permissions";
import { readForm } from "~/utils/api.server";
import { todayInKorea } from "~/utils/clock";

const FIELDS = ["number", "date", "startTime", "title", "place", "attendees"] as const;
type Field = (typeof FIELDS)[number];

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return forPage(async () => {
    const meetings = await listMeetings({ user });
    return { meetings, canCreate: can(user, "meeting:manage"), nextNumber: (meetings[0]?.number ?? 0) + 1, today: todayInKorea() };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  const locale = await pageLocale(request);
  const form = await readForm(request);
  const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "")])) as Record<Field, string>;
  const parsed = createMeetingSchema.safeParse({
    ...values,
    number: values.number.trim() === "" ? Number.NaN : Number(values.number),
    startTime: values.startTime.trim() || undefined,
    attendees: attendeesFromText(values.attendees),
  }, { reportInput: true });
  if (!parsed.success) {
    const fields: Partial<Record<Field, string>> = {};
    for (const [path, message] of Object.entries(fieldMessages(parsed.error, locale))) {
      const field = path.split(".")[0] as Field;
      if (FIELDS.includes(field)) fields[field] ??= message;
    }
    return data({ message: translate(locale, "error.validation"), fields, values }, { status: 422 });
  }
  try {
    const meeting = await createMeeting({ user, input: parsed.data });
    return redirect(`/meetings/${meeting.id}?created=1`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404 || error.status === 403) throw new Response(null, { status: error.status });
    const message = translate(locale, error.messageKey, error.params);
    const fields = error.messageKey === "meeting.error.numberTaken" ? { number: message }
      : error.messageKey === "deliberation.meeting.error.datePast" ? { date: message } : {};
    return data({ message, fields: fields as Partial<Record<Field, string>>, values }, { status: error.status });
  }
}

export default function Meetings({ loaderData, actionData }: Route.ComponentProps) {
  const { meetings, canCreate, nextNumber, today } = loaderData;
  const { t, d, td } = useT();
  const busy = useNavigation().state !== "idle";
  const values = actionData?.values;
  const fieldError = (name: Field) => actionData?.fields[name];
  const input = (name: Field, type: string, defaultValue: string | number, extra: Record<string, unknown> = {}) => (
    <div>
      <label className="field-label" htmlFor={`meeting-${name}`}>{td(name === "startTime" ? "deliberation.meeting.startTime" : `meeting.${name}`)}</label>
      <input id={`meeting-${name}`} name={name} type={type} required={name !== "startTime"} defaultValue={values?.[name] ?? defaultValue} className="field-input"
        aria-invalid={fieldError(name) ? true : undefined} aria-describedby={fieldError(name) ? `meeting-${name}-error` : undefined} {...extra} />
      {fieldError(name) ? <p id={`meeting-${name}-error`} className="field-error">{fieldError(name)}</p> : null}
    </div>
  );
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("meeting.listTitle")}</h1>
      {meetings.length === 0 ? <p className="card">{t("meeting.empty")}</p> : (
        <div className="overflow-x-auto" tabIndex={0}>
        <table className="w-full border-collapse bg-white text-sm" data-testid="meeting-list">
          <thead>
            <tr className="border-b-2 border-slate-300 text-left">
              <th scope="col" className="p-2">{t("meeting.number")}</th>
              <th scope="col" className="p-2">{t("meeting.date")}</th>
              <th scope="col" className="p-2">{t("meeting.title")}</th>
              <th scope="col" className="p-2">{t("meeting.place")}</th>
              <th scope="col" className="p-2">{t("meeting.statusLabel")}</th>
              <th scope="col" className="p-2">{t("meeting.counts")}</th>
            </tr>
          </thead>
          <tbody>
            {meetings.map((m) => (
              <tr key={m.id} className="border-b border-slate-200">
                <td className="p-2 whitespace-nowrap"><Link to={`/meetings/${m.id}`}>{t("meeting.numbered", { number: m.number })}</Link></td>
                <td className="p-2 whitespace-nowrap">{d(m.date)}{m.startTime ? ` ${m.startTime}` : ""}</td>
                <td className="p-2 min-w-32">{m.title}</td>
                <td className="p-2 min-w-24">{m.place}</td>
                <td className="p-2"><MeetingStatusBadge status={m.status} /></td>
                <td className="p-2 whitespace-nowrap">{t("meeting.items", { count: m.itemCount })} · {t("meeting.decisionsCount", { count: m.decisionCount })}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}

      {canCreate ? (
        <section aria-labelledby="new-meeting" className="card">
          <h2 id="new-meeting" className="text-lg font-bold">{t("meeting.newMeeting")}</h2>
          {actionData ? <div role="alert" className="alert-error mt-2">{actionData.message}</div> : null}
          <Form method="post" className="mt-3 grid gap-3 md:grid-cols-[8rem_12rem_8rem_1fr_1fr] md:items-start">
            {input("number", "number", nextNumber, { min: 1, max: 10000, step: 1, inputMode: "numeric" })}
            {input("date", "date", "", { min: today })}
            {input("startTime", "time", "")}
            {input("title", "text", translate("ko", "meeting.defaultTitle"), { minLength: 2, maxLength: 200 })}
            {input("place", "text", "", { maxLength: 200 })}
            <div className="md:col-span-4">
              <label className="field-label" htmlFor="meeting-attendees">{t("deliberation.meeting.attendees")}</label>
              <textarea id="meeting-attendees" name="attendees" rows={3} defaultValue={values?.attendees ?? ""} className="field-input"
                aria-describedby={fieldError("attendees") ? "meeting-attendees-error meeting-attendees-hint" : "meeting-attendees-hint"} aria-invalid={fieldError("attendees") ? true : undefined} />
              <p id="meeting-attendees-hint" className="text-xs text-slate-600">{t("deliberation.meeting.attendeesHint")}</p>
              {fieldError("attendees") ? <p id="meeting-attendees-error" className="field-error">{fieldError("attendees")}</p> : null}
            </div>
            <button type="submit" className="btn-primary md:mt-6" disabled={busy}>{busy ? t("common.loading") : t("meeting.create")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
