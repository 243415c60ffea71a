import { getFormProps, type SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { Form, useNavigation } from "react-router";
import { Field, FormErrors, SelectField, TextareaField, useSchemaForm } from "~/components/forms";
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
export function MeetingEditForm({ meeting, open, lastResult }: { meeting: MeetingDetails; open?: boolean; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useT();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useSchemaForm({
    id: "meeting-update",
    form: "meetingUpdate",
    lastResult,
    defaultValue: {
      date: meeting.date,
      startTime: meeting.startTime ?? "",
      title: meeting.title,
      place: meeting.place,
      attendees: meeting.attendees.join("\n"),
    },
  });
  return (
    <Step summary={`${t("deliberation.meeting.edit.title")}…`} open={open}>
      <Form method="post" {...getFormProps(form)} className="grid gap-3 md:grid-cols-2" aria-describedby="edit-hint">
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="expectedVersion" value={meeting.version} />
        <p id="edit-hint" className="text-sm text-slate-700 md:col-span-2">
          {t("deliberation.meeting.edit.hint")}
        </p>
        <div className="md:col-span-2">
          <FormErrors form={form} />
        </div>
        <Field meta={fields.date} label={t("meeting.date")} type="date" />
        <Field meta={fields.startTime} label={t("deliberation.meeting.startTime")} type="time" />
        <Field meta={fields.title} label={t("meeting.title")} />
        <Field meta={fields.place} label={t("meeting.place")} />
        <TextareaField
          meta={fields.attendees}
          label={t("deliberation.meeting.attendees")}
          hint={t("deliberation.meeting.attendeesHint")}
          className="md:col-span-2"
          textareaProps={{ rows: 4 }}
        />
        <p className="md:col-span-2">
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("deliberation.meeting.edit.save")}
          </button>
        </p>
      </Form>
    </Step>
  );
}

/**
 * A correction that needs only a reason: unlock the agenda, cancel the meeting, or take one item off
 * (then a choice of the items too). `hint` says what it does.
 */
export function ReasonForm({
  intent,
  version,
  summary,
  hint,
  reasonLabel,
  confirm,
  open,
  danger,
  items,
  lastResult,
}: {
  intent: "unlock" | "cancel" | "remove";
  version: number;
  summary: string;
  hint: string;
  reasonLabel: string;
  confirm: string;
  open?: boolean;
  danger?: boolean;
  items?: { value: string; label: string }[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useT();
  const busy = useNavigation().state !== "idle";
  const id = (name: string) => `${intent}-${name}`;
  const [form, fields] = useSchemaForm({ id: `meeting-${intent}`, form: "meetingReason", lastResult });
  return (
    <Step summary={`${summary}…`} open={open} danger={danger}>
      <Form method="post" {...getFormProps(form)} className="space-y-2">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="expectedVersion" value={version} />
        <p className="alert-info" id={id("hint")}>
          {hint}
        </p>
        <FormErrors form={form} />
        {items ? (
          <SelectField
            meta={fields.request}
            label={t("deliberation.meeting.remove.choose")}
            placeholder={t("request.form.choose")}
            options={items}
            selectProps={{ required: true }}
          />
        ) : null}
        <TextareaField meta={fields.reason} label={reasonLabel} textareaProps={{ rows: 2 }} />
        <button type="submit" className={danger ? "btn-danger" : "btn-primary"} disabled={busy} aria-describedby={id("hint")}>
          {confirm}
        </button>
      </Form>
    </Step>
  );
}
