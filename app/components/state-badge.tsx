import { useT, type Translator } from "~/i18n/use-t";

const COLORS: Record<string, string> = {
  draft: "bg-slate-200 text-slate-800",
  screening: "bg-amber-100 text-amber-900",
  revision: "bg-orange-100 text-orange-900",
  jointPlanning: "bg-sky-100 text-sky-900",
  onAgenda: "bg-indigo-100 text-indigo-900",
  awaitingSignoff: "bg-violet-100 text-violet-900",
  approved: "bg-green-100 text-green-900",
  conditionallyApproved: "bg-lime-100 text-lime-900",
  rejected: "bg-red-100 text-red-900",
  allocated: "bg-emerald-100 text-emerald-900",
  active: "bg-teal-100 text-teal-900",
  closed: "bg-slate-300 text-slate-900",
  withdrawn: "bg-slate-300 text-slate-900",
};

/** The badge with the translator given (no hooks: also for parts rendered ahead on the server, ADR 0037). */
export function StateBadgeText({ state, detail, td }: { state: string; detail?: string | null; td: Translator["td"] }) {
  return (
    <span className={`badge ${COLORS[state] ?? "bg-slate-200"}`} data-testid="state-badge">
      {td(`workflow.state.${state}`)}
      {detail ? ` · ${td(`workflow.state.${detail}`)}` : ""}
    </span>
  );
}

export function StateBadge({ state, detail }: { state: string; detail?: string | null }) {
  const { td } = useT();
  return <StateBadgeText state={state} detail={detail} td={td} />;
}
