import type { WorkflowDescription } from "#workflows/demand-request.machine";
import type { Translator } from "~/i18n/use-t";

const W = 128;
const H = 48;
const COL = 176;
const ROW = 76;
const PAD = 24;

interface Placed {
  id: string;
  x: number;
  y: number;
  final: boolean;
}

/**
 * Lays the machine's states out from its own transitions: columns by distance from the initial
 * state (breadth-first, in the order the machine lists them), a final state entered from many
 * states (withdrawn) on its own row under its sources.
 */
export function layoutWorkflow(workflow: WorkflowDescription): Layout {
  let layout = layouts.get(workflow);
  if (!layout) layouts.set(workflow, (layout = layOut(workflow)));
  return layout;
}

type Layout = { nodes: Map<string, Placed>; width: number; height: number };
/** One layout per description (the server's is one object for the life of the process). */
const layouts = new WeakMap<WorkflowDescription, Layout>();

function layOut(workflow: WorkflowDescription): Layout {
  const top = (id: string) => id.split(".")[0];
  const edges = workflow.transitions.flatMap((t) => t.to.map((to) => ({ from: top(t.from), to: top(to), event: t.event })));
  const incoming = new Map<string, Set<string>>();
  for (const e of edges) if (e.from !== e.to) incoming.set(e.to, (incoming.get(e.to) ?? new Set()).add(e.from));
  const isSink = (id: string) => workflow.states.find((s) => s.id === id)?.final === true && (incoming.get(id)?.size ?? 0) >= 3;

  const depth = new Map<string, number>([[workflow.states[0].id as string, 0]]);
  const queue: string[] = [workflow.states[0].id];
  while (queue.length) {
    const from = queue.shift()!;
    for (const e of edges) {
      if (e.from === from && !depth.has(e.to) && !isSink(e.to)) {
        depth.set(e.to, depth.get(from)! + 1);
        queue.push(e.to);
      }
    }
  }
  const rowsUsed = new Map<number, number>();
  const nodes = new Map<string, Placed>();
  for (const [id, col] of depth) {
    const row = rowsUsed.get(col) ?? 0;
    rowsUsed.set(col, row + 1);
    nodes.set(id, { id, x: PAD + col * COL, y: PAD + row * ROW, final: workflow.states.find((s) => s.id === id)?.final ?? false });
  }
  const maxRow = Math.max(...rowsUsed.values());
  for (const s of workflow.states.filter((st) => isSink(st.id))) {
    const sources = [...(incoming.get(s.id) ?? [])].map((f) => nodes.get(f)!).filter(Boolean);
    const x = sources.reduce((sum, n) => sum + n.x, 0) / Math.max(sources.length, 1);
    nodes.set(s.id, { id: s.id, x, y: PAD + maxRow * ROW, final: true });
  }
  const width = Math.max(...[...nodes.values()].map((n) => n.x)) + W + PAD;
  const height = Math.max(...[...nodes.values()].map((n) => n.y)) + H + PAD;
  return { nodes, width, height };
}

function wrap(label: string, max = 17): string[] {
  if (label.length <= max) return [label];
  const words = label.split(" ");
  const lines: string[] = [""];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last && (last + " " + w).length > max) lines.push(w);
    else lines[lines.length - 1] = last ? `${last} ${w}` : w;
  }
  return lines.slice(0, 3);
}

/**
 * The request's workflow, drawn from the machine definition: where it is, where it has been, and the
 * moves this user may make now. No hooks: the server renders it to HTML (workflow-diagram.server.tsx)
 * and the browser only shows that HTML, so neither this code nor the machine's description is sent to it.
 */
export function WorkflowDiagram({
  workflow,
  current,
  reached,
  allowedEvents,
  tr,
}: {
  workflow: WorkflowDescription;
  current: string;
  reached: ReadonlySet<string>;
  allowedEvents: readonly string[];
  tr: Translator;
}) {
  const { t, td } = tr;
  const { nodes, width, height } = layoutWorkflow(workflow);
  const edges = workflow.transitions
    .flatMap((tn) => [...new Set(tn.to.map((to) => to.split(".")[0]))].map((to) => ({ from: tn.from.split(".")[0], to, event: tn.event })))
    .filter((e) => e.from !== e.to);
  const isMove = (e: { from: string; event: string }) => e.from === current && allowedEvents.includes(e.event);
  const moves = [...new Set(edges.filter(isMove).map((e) => e.event))];
  const summary = `${t("request.current")}: ${td(`workflow.state.${current}`)}. ${moves.map((m) => td(`workflow.event.${m}`)).join(", ")}`;
  return (
    // focusable: on a narrow screen the figure scrolls sideways, and a keyboard must be able to scroll it
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- see above (axe scrollable-region-focusable)
    <figure tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-2">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-label={summary}
        className="max-w-none"
        data-testid="workflow-diagram"
      >
        <defs>
          <marker id="wf-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#94a3b8" />
          </marker>
          <marker id="wf-arrow-move" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#15803d" />
          </marker>
        </defs>
        {edges.map((e, i) => {
          const a = nodes.get(e.from);
          const b = nodes.get(e.to);
          if (!a || !b) return null;
          const move = isMove(e);
          const down = b.y - a.y >= ROW * 1.5;
          const forward = b.x > a.x && !down;
          const vertical = down || Math.abs(b.x - a.x) < 1;
          const x1 = vertical ? a.x + W / 2 : forward ? a.x + W : a.x;
          const y1 = a.y + H / 2 + (vertical ? (b.y > a.y ? H / 2 : -H / 2) : 0);
          const x2 = vertical ? b.x + W / 2 : forward ? b.x : b.x + W;
          const y2 = b.y + H / 2 + (vertical ? (b.y > a.y ? -H / 2 : H / 2) : 0);
          // backward moves bend above the row so they don't hide the forward ones
          const bend = forward || vertical ? 0 : -34 - (Math.abs(a.x - b.x) / COL) * 8;
          const cx = (x1 + x2) / 2;
          const cy = (y1 + y2) / 2 + bend;
          return (
            <g key={i}>
              <path
                d={`M${x1},${y1} Q${cx},${cy} ${x2},${y2}`}
                fill="none"
                stroke={move ? "#15803d" : "#cbd5e1"}
                strokeWidth={move ? 2.5 : 1.2}
                markerEnd={`url(#${move ? "wf-arrow-move" : "wf-arrow"})`}
              />
              {move && Math.hypot(x2 - x1, y2 - y1) > 110 ? (
                <text x={cx} y={cy - 6} textAnchor="middle" fontSize="12" fontWeight="700" fill="#15803d" stroke="#ffffff" strokeWidth="3" paintOrder="stroke">
                  {td(`workflow.event.${e.event}`)}
                </text>
              ) : null}
            </g>
          );
        })}
        {[...nodes.values()].map((n) => {
          const isCurrent = n.id === current;
          const lines = wrap(td(`workflow.state.${n.id}`));
          return (
            <g key={n.id} data-state={n.id} aria-current={isCurrent ? "step" : undefined}>
              <rect
                x={n.x}
                y={n.y}
                width={W}
                height={H}
                rx={n.final ? 20 : 8}
                fill={isCurrent ? "#13315c" : reached.has(n.id) ? "#e8eef9" : "#ffffff"}
                stroke={isCurrent ? "#0b2545" : reached.has(n.id) ? "#1d4ed8" : "#94a3b8"}
                strokeWidth={isCurrent ? 2 : 1}
              />
              {lines.map((line, i) => (
                <text
                  key={i}
                  x={n.x + W / 2}
                  y={n.y + H / 2 + (i - (lines.length - 1) / 2) * 13 + 4}
                  textAnchor="middle"
                  fontSize="12"
                  fontWeight={isCurrent ? 700 : 400}
                  fill={isCurrent ? "#ffffff" : "#1e293b"}
                >
                  {line}
                </text>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-700">
        <span>
          <span className="mr-1 inline-block h-3 w-3 rounded-sm bg-gov-700 align-middle" />
          {t("request.legendCurrent")}
        </span>
        <span>
          <span className="mr-1 inline-block h-3 w-3 rounded-sm border border-gov-500 bg-gov-100 align-middle" />
          {t("request.legendReached")}
        </span>
        <span>
          <span className="mr-1 inline-block h-0.5 w-5 bg-green-700 align-middle" />
          {t("request.legendMoves")}
          {moves.length > 0 ? `: ${moves.map((m) => td(`workflow.event.${m}`)).join(", ")}` : ""}
        </span>
      </figcaption>
    </figure>
  );
}
