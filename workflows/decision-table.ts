/**
 * Generates docs/workflow-decision-table.md from the machine itself (run `npm run docs:machine`).
 * A test regenerates it in memory and compares with the committed file, so the doc can't drift.
 */
import { ko } from "../app/i18n/messages";
import { en } from "../app/i18n/messages.en";
import {
  CHECK_REFUSALS,
  EVENT_CHECKS,
  EVENT_TYPES,
  MACHINE_VERSION,
  describeWorkflow,
  explainRefusal,
  sendEvent,
  type CheckGuardName,
  type EventType,
  type Refusal,
  type RequestState,
} from "./demand-request.machine";
import { STATE_KEYS, permittedActor, sampleEvent, snapshotAt, stateKey, type StateKey } from "./fixtures";

const workflowKo = ko.workflow;
const workflowEn = en.workflow;
type Lang = typeof workflowEn;
const LANGS: readonly Lang[] = [workflowKo, workflowEn];

function fill(template: string, params: Record<string, string | number> | undefined, lang: Lang): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params?.[name];
    if (v === undefined) return whole;
    if (name === "state") return lang.state[v as RequestState] ?? String(v);
    return String(v);
  });
}

const stateLabel = (key: StateKey, lang: Lang) => {
  const [top, detail] = key.split(".") as [RequestState, "partially" | "fully" | undefined];
  return detail ? `${lang.state[top]} (${lang.state[detail]})` : lang.state[top];
};

const refusalText = (r: Refusal, lang: Lang) => fill(lang.refusal[r.code], r.params, lang);
const esc = (s: string) => s.replace(/\|/g, "\\|");
const row = (cells: string[]) => `| ${cells.map(esc).join(" | ")} |`;
const head = (cells: string[]) => [row(cells), row(cells.map(() => "---"))];

const WHO: Record<EventType, string> = {
  SUBMIT: "MINISTRY_OFFICER (own ministry)",
  RESUBMIT: "MINISTRY_OFFICER (own ministry)",
  WITHDRAW: "MINISTRY_OFFICER (own ministry)",
  ACCEPT: "SECRETARIAT",
  RETURN: "SECRETARIAT",
  SCHEDULE: "SECRETARIAT",
  UNSCHEDULE: "SECRETARIAT",
  DECIDE: "SECRETARIAT",
  AMEND_DECISION: "SECRETARIAT",
  SIGN: "APPROVER (not yet signed)",
  REFUSE_SIGNOFF: "APPROVER (not yet signed)",
  RECONSIDER: "SECRETARIAT",
  CONDITIONS_MET: "SECRETARIAT",
  ALLOCATE: "SECRETARIAT",
  RELEASE: "SECRETARIAT",
  START: "SECRETARIAT",
  CLOSE: "SECRETARIAT",
};

interface Cell {
  next?: StateKey;
  refusal?: Refusal;
}

function outcomes(): Record<StateKey, Record<EventType, Cell>> {
  const out = {} as Record<StateKey, Record<EventType, Cell>>;
  for (const key of STATE_KEYS) {
    const snapshot = snapshotAt(key);
    out[key] = {} as Record<EventType, Cell>;
    for (const type of EVENT_TYPES) {
      const event = sampleEvent(type, snapshot);
      const r = sendEvent(snapshot, event);
      out[key][type] = r.changed ? { next: stateKey(r.snapshot) } : { refusal: explainRefusal(snapshot, event) ?? undefined };
    }
  }
  return out;
}

export function generateDecisionTable(): string {
  const table = outcomes();
  const L: string[] = [];
  L.push(
    "# Workflow decision table / 워크플로 결정표",
    "",
    `Generated from \`workflows/demand-request.machine.ts\` (MACHINE_VERSION ${MACHINE_VERSION}) by`,
    "`npm run docs:machine` (`scripts/machine-table.ts`). Do not edit by hand: `workflows/decision-table.test.ts`",
    "fails when this file and the machine disagree.",
    "",
    "Each cell shows what happens when a *permitted* actor sends a *valid* sample event (see",
    "`workflows/fixtures.ts`) in a representative snapshot of the state: `→ next state`, or `✗ REFUSAL_CODE`.",
    "The guards section below lists the checks that can still refuse an event (wrong role, payload, …).",
    "",
    "## States",
    "",
    ...head(["state", "상태", "State", "final", "children"]),
  );
  for (const s of describeWorkflow().states) {
    L.push(row([`\`${s.id}\``, workflowKo.state[s.id], workflowEn.state[s.id], s.final ? "yes" : "", s.children.map((c) => `\`${c}\``).join(", ")]));
  }

  L.push("", "## State × event (overview)", "", ...head(["state \\ event", ...EVENT_TYPES]));
  for (const key of STATE_KEYS) {
    L.push(
      row([
        `\`${key}\``,
        ...EVENT_TYPES.map((t) => {
          const c = table[key][t];
          if (c.next) return `→ ${c.next}`;
          return c.refusal?.code === "NOT_IN_STATE" ? "·" : c.refusal?.code === "FINAL_STATE" ? "final" : `✗ ${c.refusal?.code}`;
        }),
      ]),
    );
  }
  L.push("", "`·` = NOT_IN_STATE (no transition for this event here), `final` = FINAL_STATE.");

  L.push("", "## State × event (detail)");
  for (const key of STATE_KEYS) {
    const snapshot = snapshotAt(key);
    L.push("", `### \`${key}\` — ${stateLabel(key, workflowKo)} / ${stateLabel(key, workflowEn)}`, "");
    L.push(...head(["event", "sample actor", "result", "설명", "Explanation"]));
    for (const type of EVENT_TYPES) {
      const c = table[key][type];
      const who = permittedActor(type, snapshot);
      const actorLabel = `${who.role}${who.isChair ? " (chair)" : ""}`;
      if (c.next) {
        const next = c.next;
        const [ko, en] = LANGS.map((lang) => `${lang.eventDone[type]} → ${stateLabel(next, lang)}`);
        L.push(row([`\`${type}\``, actorLabel, `→ \`${next}\``, ko, en]));
      } else if (c.refusal) {
        const refusal = c.refusal;
        const [ko, en] = LANGS.map((lang) => refusalText(refusal, lang));
        L.push(row([`\`${type}\``, actorLabel, `✗ \`${refusal.code}\``, ko, en]));
      }
    }
  }

  L.push("", "## Transitions (read from the machine definition)", "", ...head(["from", "event", "to"]));
  for (const t of describeWorkflow().transitions) {
    L.push(row([`\`${t.from}\``, `\`${t.event}\``, t.to.map((x) => `\`${x}\``).join(", ")]));
  }

  L.push(
    "",
    "## Guards",
    "",
    "Checked in this order; the first that fails is the refusal. Role and ministry come first, so a wrong",
    "role always gets `WRONG_ROLE`. SIGN additionally branches on `quorumReachedWithThis` (distinct",
    "approvers ≥ quorum, the chair among them), `decisionOutcomeIs` and, for a reconsideration,",
    "`reconsideringFrom` / `notReconsidering`; UNSCHEDULE on `reconsideringFrom` (a reconsideration taken",
    "off the agenda restores the decision in force); ALLOCATE on `fillsApproved`; RELEASE on `releasesAll`.",
    "",
    ...head(["event", "이벤트", "who", "checks (guard → refusal)"]),
  );
  for (const type of EVENT_TYPES) {
    const checks = (EVENT_CHECKS[type] as readonly CheckGuardName[]).map((g) => `\`${g}\` → ${CHECK_REFUSALS[g].code}`);
    L.push(row([`\`${type}\``, workflowKo.event[type], WHO[type], checks.join("; ")]));
  }
  L.push("", ...head(["guard", "kind", "refusal", "거부 사유", "Refusal message"]));
  for (const [name, r] of Object.entries(CHECK_REFUSALS) as [CheckGuardName, (typeof CHECK_REFUSALS)[CheckGuardName]][]) {
    L.push(row([`\`${name}\``, r.kind, `\`${r.code}\``, workflowKo.refusal[r.code], workflowEn.refusal[r.code]]));
  }
  L.push("");
  return L.join("\n");
}
