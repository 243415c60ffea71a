import { useT } from "~/i18n/use-t";

const COLORS: Record<string, string> = {
  planning: "bg-sky-100 text-sky-900",
  agendaLocked: "bg-indigo-100 text-indigo-900",
  held: "bg-amber-100 text-amber-900",
  minutesPublished: "bg-green-100 text-green-900",
  cancelled: "bg-red-100 text-red-900",
};

/** A meeting's stage: planning → agenda locked → held → minutes published (or cancelled). */
export function MeetingStatusBadge({ status }: { status: string }) {
  const { td } = useT();
  return (
    <span className={`badge ${COLORS[status] ?? "bg-slate-200"}`} data-testid="meeting-status">
      {td(`meeting.status.${status}`)}
    </span>
  );
}
