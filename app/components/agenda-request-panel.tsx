import { getFormProps, type FieldMetadata } from "@conform-to/react";
import { Form, Link, useNavigation } from "react-router";
import { ActionResult, type ActionResultData } from "~/components/action-result";
import { FormErrors, SelectField, TextareaField, useSchemaForm } from "~/components/forms";
import { eventFormId } from "~/modules/requests/request-options";
import { replyFor, resultFor } from "~/utils/form";
import { MeetingStatusBadge } from "~/components/agenda-status";
import { useT } from "~/i18n/use-t";

export interface RequestMeetingItem {
  id: string;
  number: number;
  reconsideration: boolean;
  removedAt: Date | string | null;
  removal: string | null;
  removalReason: string | null;
  minutesPublished: boolean;
  /** a decision was recorded on it at this meeting */
  decided: boolean;
  meeting: { id: string; number: number; title: string; date: string; startTime: string | null; place: string; status: string };
}

/**
 * The meetings a request has been on (officers included: their own request's items only): 의안번호,
 * meeting, date and time, place, the meeting's stage and whether the item is still on its agenda.
 * Officers reach the published minutes of their items; the secretariat and approvers the meeting page.
 */
export function RequestMeetings({ items, officer }: { items: RequestMeetingItem[]; officer: boolean }) {
  const { t, td, d, dt } = useT();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="request-meetings" className="card space-y-2">
      <h2 id="request-meetings" className="text-lg font-bold">
        {t("deliberation.request.meetings.title")}
      </h2>
      <ul className="space-y-2 text-sm" data-testid="request-meetings">
        {items.map((item) => {
          const name = t("meeting.fullTitle", { number: item.meeting.number, title: item.meeting.title });
          return (
            <li key={item.id} className="rounded-md border border-slate-200 p-3">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-mono font-semibold" data-testid="request-agenda-number">
                  {t("deliberation.meeting.agendaNumber", { meeting: item.meeting.number, item: item.number })}
                </span>
                {officer ? (
                  <span>{name}</span>
                ) : (
                  <Link className="underline" to={`/meetings/${item.meeting.id}`}>
                    {name}
                  </Link>
                )}
                <MeetingStatusBadge status={item.meeting.status} />
                {item.reconsideration ? <span className="badge bg-violet-100 text-violet-900">{t("deliberation.meeting.reconsideration")}</span> : null}
              </p>
              <p className="text-slate-700">
                {t("deliberation.meeting.when", { date: d(item.meeting.date), time: item.meeting.startTime ?? "" }).trim()}
                {" · "}
                {t("deliberation.meeting.where", { place: item.meeting.place })}
              </p>
              <p>
                {t("deliberation.request.meetings.item")}:{" "}
                {item.removedAt ? (
                  <>
                    {td(`deliberation.meeting.removed.kind.${item.removal}`)} · {dt(item.removedAt)}
                    {item.removalReason ? (
                      <>
                        {" "}
                        · {t("request.reasons")}: <span className="whitespace-pre-wrap">{item.removalReason}</span>
                      </>
                    ) : null}
                  </>
                ) : item.decided ? (
                  t("deliberation.request.meetings.decided")
                ) : (
                  t("deliberation.request.meetings.listed")
                )}
              </p>
              {item.minutesPublished && !item.removedAt ? (
                <p>
                  <a className="underline" href={`/meetings/${item.meeting.id}/minutes`}>
                    {t("deliberation.request.meetings.minutes")}
                  </a>
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The refused sign-off, at the top of the request page, until the item is on a meeting again. */
export function RefusalNotice({ refusal }: { refusal: { meetingNumber: number; name: string; isChair: boolean; at: Date | string; reason: string } }) {
  const { t, dt } = useT();
  return (
    <div role="note" className="alert-error space-y-1" data-testid="refusal-notice">
      <p className="font-bold">{t("deliberation.request.refused.title")}</p>
      <p className="whitespace-pre-wrap">
        {t("deliberation.request.refused.body", {
          meeting: t("meeting.numbered", { number: refusal.meetingNumber }),
          name: `${refusal.name}${refusal.isChair ? ` (${t("signoff.chair")})` : ""}`,
          date: dt(refusal.at),
          reason: refusal.reason,
        })}
      </p>
    </div>
  );
}

/**
 * Secretariat: put a request back on a later meeting in one action — re-scheduling after a refused
 * sign-off (SCHEDULE), or a decision that took effect up for reconsideration (RECONSIDER, with a reason).
 */
export function ScheduleForm({
  kind,
  version,
  meetings,
  answer,
  reloadHref,
}: {
  kind: "SCHEDULE" | "RECONSIDER";
  version: number;
  meetings: { id: string; number: number; title: string; date: string }[];
  /** the page's action answer (shown here when this form acted) */
  answer: unknown;
  reloadHref: string;
}) {
  const { t, d } = useT();
  const busy = useNavigation().state !== "idle";
  const reconsider = kind === "RECONSIDER";
  const formId = eventFormId(kind);
  const [form, fields] = useSchemaForm({ id: formId, form: `event.${kind}`, lastResult: resultFor(answer, formId) });
  const said = replyFor(answer as { message?: string } | null, formId) as ActionResultData | null;
  const titleId = `${formId}-title`;
  const meta = fields as Record<string, FieldMetadata<unknown>>;
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-2" aria-labelledby={titleId}>
      <h3 id={titleId} className="font-bold">
        {reconsider ? t("deliberation.request.reconsider.title") : t("deliberation.request.schedule.title")}
      </h3>
      {reconsider ? <p className="text-sm text-slate-700">{t("deliberation.request.reconsider.hint")}</p> : null}
      <input type="hidden" name="type" value={kind} />
      <input type="hidden" name="expectedVersion" value={version} />
      <FormErrors form={form} />
      {meetings.length === 0 ? (
        <p className="text-sm">{t("deliberation.request.schedule.none")}</p>
      ) : (
        <>
          <SelectField
            meta={meta.meetingId}
            label={t("deliberation.request.schedule.choose")}
            placeholder={t("request.form.choose")}
            options={meetings.map((m) => ({ value: m.id, label: `${t("meeting.fullTitle", { number: m.number, title: m.title })} · ${d(m.date)}` }))}
          />
          {reconsider ? <TextareaField meta={meta.reason} label={t("deliberation.request.reconsider.reason")} textareaProps={{ rows: 2 }} /> : null}
          <button type="submit" className="btn-primary" disabled={busy}>
            {reconsider ? t("deliberation.request.reconsider.submit") : t("deliberation.request.schedule.submit")}
          </button>
        </>
      )}
      {said ? <ActionResult result={said} reloadHref={reloadHref} /> : null}
    </Form>
  );
}
