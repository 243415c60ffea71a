import type { ReactNode } from "react";
import { Form, useNavigation } from "react-router";
import { useT } from "~/i18n/use-t";

interface MeetingDetails {
  id: string;
  version: number;
  date: string;
  startTime: string | null;
  title: string;
  place: string;
  attendees: string[];
}

/** A `<details>` with a summary button: open again after a refused submit of its own form. */
function Step({ summary, open, danger, children }: { summary: string; open?: boolean; danger?: boolean; children: ReactNode }) {
  return (
    <details className="card" open={open || undefined}>
      <summary className={`${danger ? "btn-danger" : "btn-secondary"} cursor-pointer list-none`}>{summary}</summary>
      <div className="mt-3 space-y-2">{children}</div>
    </details>
  );
}

/** Date, start time, title, place and attendees of a meeting whose agenda is still open (a postponement). */
export function MeetingEditForm({ meeting, open }: { meeting: MeetingDetails; open?: boolean }) {
  const { t } = useT();
  const busy = useNavigation().state !== "idle";
  const field = (name: string) => `edit-${name}`;
  return (
    <Step summary={`${t("deliberation.meeting.edit.title")}…`} open={open}>
      <Form method="post" className="grid gap-3 md:grid-cols-2" aria-describedby="edit-hint">
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="expectedVersion" value={meeting.version} />
        <p id="edit-hint" className="text-sm text-slate-700 md:col-span-2">{t("deliberation.meeting.edit.hint")}</p>
        <div>
          <label className="field-label" htmlFor={field("date")}>{t("meeting.date")}</label>
          <input id={field("date")} name="date" type="date" required defaultValue={meeting.date} className="field-input" />
        </div>
        <div>
          <label className="field-label" htmlFor={field("startTime")}>{t("deliberation.meeting.startTime")}</label>
          <input id={field("startTime")} name="startTime" type="time" defaultValue={meeting.startTime ?? ""} className="field-input" />
        </div>
        <div>
          <label className="field-label" htmlFor={field("title")}>{t("meeting.title")}</label>
          <input id={field("title")} name="title" required minLength={2} maxLength={200} defaultValue={meeting.title} className="field-input" />
        </div>
        <div>
          <label className="field-label" htmlFor={field("place")}>{t("meeting.place")}</label>
          <input id={field("place")} name="place" required maxLength={200} defaultValue={meeting.place} className="field-input" />
        </div>
        <div className="md:col-span-2">
          <label className="field-label" htmlFor={field("attendees")}>{t("deliberation.meeting.attendees")}</label>
          <textarea id={field("attendees")} name="attendees" rows={4} defaultValue={meeting.attendees.join("\n")} className="field-input" aria-describedby="attendees-hint" />
          <p id="attendees-hint" className="text-xs text-slate-600">{t("deliberation.meeting.attendeesHint")}</p>
        </div>
        <p className="md:col-span-2"><button type="submit" className="btn-primary" disabled={busy}>{t("deliberation.meeting.edit.save")}</button></p>
      </Form>
    </Step>
  );
}

/**
 * A correction that needs only a reason: unlock the agenda, cancel the meeting, or take one item off
 * (then a choice of the items too). `hint` says what it does.
 */
export function ReasonForm({ intent, version, summary, hint, reasonLabel, confirm, open, danger, items }: {
  intent: "unlock" | "cancel" | "remove";
  version: number;
  summary: string;
  hint: string;
  reasonLabel: string;
  confirm: string;
  open?: boolean;
  danger?: boolean;
  items?: { value: string; label: string }[];
}) {
  const { t } = useT();
  const busy = useNavigation().state !== "idle";
  const id = (name: string) => `${intent}-${name}`;
  return (
    <Step summary={`${summary}…`} open={open} danger={danger}>
      <Form method="post" className="space-y-2">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="expectedVersion" value={version} />
        <p className="alert-info" id={id("hint")}>{hint}</p>
        {items ? (
          <div>
            <label className="field-label" htmlFor={id("request")}>{t("deliberation.meeting.remove.choose")}</label>
            <select id={id("request")} name="request" required defaultValue="" className="field-input">
              <option value="" disabled>{t("request.form.choose")}</option>
              {items.map((i) => <option key={i.value} value={i.value}>{i.label}</option>)}
            </select>
          </div>
        ) : null}
        <div>
          <label className="field-label" htmlFor={id("reason")}>{reasonLabel}</label>
          <textarea id={id("reason")} name="reason" required maxLength={2000} rows={2} className="field-input" />
        </div>
        <button type="submit" className={danger ? "btn-danger" : "btn-primary"} disabled={busy} aria-describedby={id("hint")}>{confirm}</button>
      </Form>
    </Step>
  );
}
