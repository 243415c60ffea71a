import { useT } from "~/i18n/use-t";

export interface MeetingEvent {
  seq: number;
  type: string;
  at: Date | string;
  actor: string | null;
  payload: Record<string, unknown>;
}

const FIELD_LABELS: Record<string, string> = {
  date: "meeting.date",
  startTime: "deliberation.meeting.startTime",
  title: "meeting.title",
  place: "meeting.place",
  attendees: "deliberation.meeting.attendees",
};

/** The meeting's own record: created, edited (what changed), locked, unlocked and cancelled (why), published. */
export function MeetingHistory({ events }: { events: MeetingEvent[] }) {
  const { t, td, dt } = useT();
  if (events.length === 0) return null;
  const shown = (v: unknown) => (Array.isArray(v) ? v.join(", ") : v === null || v === undefined || v === "" ? "–" : String(v));
  return (
    <section aria-labelledby="meeting-history">
      <h2 id="meeting-history" className="text-lg font-bold">
        {t("deliberation.meeting.history.title")}
      </h2>
      <ol className="mt-2 space-y-2" data-testid="meeting-history">
        {events.map((e) => {
          const changes =
            e.type === "MEETING_UPDATED" && e.payload.changes && typeof e.payload.changes === "object"
              ? Object.entries(e.payload.changes as Record<string, { from: unknown; to: unknown }>)
              : [];
          return (
            <li key={e.seq} className="card text-sm">
              <p>
                <strong>{td(`deliberation.meeting.history.${e.type}`)}</strong>
              </p>
              <p className="text-slate-600">
                {dt(e.at)}
                {e.actor ? ` · ${e.actor}` : ""}
              </p>
              {changes.length > 0 ? (
                <ul className="ml-5 list-disc">
                  {changes.map(([field, c]) => (
                    <li key={field}>
                      {t("deliberation.meeting.history.change", { field: td(FIELD_LABELS[field] ?? field), from: shown(c.from), to: shown(c.to) })}
                    </li>
                  ))}
                </ul>
              ) : null}
              {typeof e.payload.reason === "string" ? (
                <p className="whitespace-pre-wrap">{t("deliberation.meeting.history.reason", { reason: e.payload.reason })}</p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
