/**
 * The AX demand-request workflow (DOMAIN.md "The workflow") as one pure XState 5 machine.
 *
 * Pure: no timers, no invoked actors, no side effects. The service layer loads the stored snapshot
 * (`restoreSnapshot`), builds the event (putting database facts such as `meetingAcceptsItems`,
 * `agendaLocked`, `plan.coSigned`, `allConditionsMet` and the actor's `isChair` on it itself, never
 * from the client), calls `sendEvent` and persists `persistSnapshot(next)` with `MACHINE_VERSION`
 * when `changed` is true; otherwise it answers with `explainRefusal`.
 */
import { and, assign, getNextTransitions, initialTransition, setup, transition } from "xstate";
import type { AnyStateNode, SnapshotFrom } from "xstate";
import type { RequestState } from "./request-states";
import {
  CHECK_GUARDS,
  EVENT_CHECKS,
  decisionOutcomeIs,
  fillsApproved,
  firstFailedCheck,
  quorumReachedWithThis,
  releasesAll,
  type CheckGuardName,
  type Guard,
  type Refusal,
} from "./guards";
import type { DecisionCondition, DecisionOutcome, WorkflowActor } from "./types";

export * from "./guards";
export { restoreSnapshot, persistSnapshot, SnapshotVersionError, migrations } from "./persistence";
export type { PersistedRequestSnapshot } from "./persistence";

/**
 * 2: context.conditionsOpen (conditions of a conditional approval may travel into `allocated`).
 * 3: context.reconsidering (a decision that took effect back on an agenda for 재심의); UNSCHEDULE,
 *    AMEND_DECISION and RECONSIDER; `rejected` is no longer final (it can be reconsidered).
 */
export const MACHINE_VERSION = 3;

// ---------------------------------------------------------------------------------------------
// events

export const EVENT_TYPES = [
  "SUBMIT",
  "RESUBMIT",
  "WITHDRAW",
  "ACCEPT",
  "RETURN",
  "SCHEDULE",
  "UNSCHEDULE",
  "DECIDE",
  "AMEND_DECISION",
  "SIGN",
  "REFUSE_SIGNOFF",
  "RECONSIDER",
  "CONDITIONS_MET",
  "ALLOCATE",
  "RELEASE",
  "START",
  "CLOSE",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

interface Ev<T extends EventType> {
  type: T;
  actor: WorkflowActor;
}
export type RequestEvent =
  | Ev<"SUBMIT">
  | Ev<"RESUBMIT">
  | (Ev<"WITHDRAW"> & {
      reason: string;
      /** Set by the server when the request is on a meeting's agenda: that agenda is locked (the meeting decides). */
      agendaLocked?: boolean;
    })
  | (Ev<"ACCEPT"> & { note?: string })
  | (Ev<"RETURN"> & { reasons: string[] })
  | (Ev<"SCHEDULE"> & {
      meetingId: string;
      /** The joint plan as stored: co-signed by both sides, and its agreed GPU count. */
      plan: { coSigned: boolean; agreedGpus: number | null };
      /** Set by the server: the meeting exists and its agenda is not locked. */
      meetingAcceptsItems: boolean;
      /** Set by the server when the request is on a meeting now: that agenda is locked (it can't be moved off it). */
      agendaLocked?: boolean;
    })
  /** Off the agenda it is on, back to joint planning (or, for a reconsideration, back to the decision in force). */
  | (Ev<"UNSCHEDULE"> & {
      reason: string;
      /** Set by the server: the agenda the request is on is locked (a cancelled meeting's agenda is not). */
      agendaLocked: boolean;
    })
  | (Ev<"DECIDE"> &
      DecisionPayload & {
        meetingId: string;
        /** Set by the server from the meeting. */
        agendaLocked: boolean;
        /** Set by the server: the meeting's date (Korean time) has come. */
        meetingHeld: boolean;
      })
  /** The secretariat corrects the recorded decision before the quorum completes: signatures start again. */
  | (Ev<"AMEND_DECISION"> & DecisionPayload & { reason: string })
  | (Ev<"SIGN"> & { comment?: string })
  | (Ev<"REFUSE_SIGNOFF"> & { reason: string })
  /** A decision that took effect goes on another meeting's agenda for reconsideration (재심의). */
  | (Ev<"RECONSIDER"> & {
      meetingId: string;
      reason: string;
      /** Set by the server: the meeting exists and its agenda is not locked. */
      meetingAcceptsItems: boolean;
    })
  /** Set by the server: every condition of the decision is marked met. */
  | (Ev<"CONDITIONS_MET"> & { allConditionsMet: boolean })
  /** `conditionalAllowed`: set by the server from configuration — may a request whose conditions are still open receive GPUs? */
  | (Ev<"ALLOCATE"> & { gpus: number; conditionalAllowed?: boolean })
  | (Ev<"RELEASE"> & { gpus: number })
  | Ev<"START">
  | Ev<"CLOSE">;
export type RequestEventOf<T extends EventType> = Extract<RequestEvent, { type: T }>;

/** What DECIDE and AMEND_DECISION record. */
export interface DecisionPayload {
  outcome: DecisionOutcome;
  approvedGpus: number;
  conditions: DecisionCondition[];
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// context

export interface RequestDecision {
  outcome: DecisionOutcome;
  approvedGpus: number;
  conditions: DecisionCondition[];
  note?: string;
  meetingId: string;
}
export interface Signoff {
  approverId: string;
  isChair: boolean;
}
/** The states a decision that took effect leaves a request in, from which it can be reconsidered. */
export const RECONSIDERABLE_STATES = ["approved", "conditionallyApproved", "rejected"] as const;
export type ReconsiderableState = (typeof RECONSIDERABLE_STATES)[number];

/**
 * A decision in force that is back on an agenda for reconsideration: what to restore when the
 * reconsideration ends without a new decision (taken off the agenda, meeting cancelled, deferred).
 * Its signatures are not kept here: they are the decision's Signoff rows, and no later event reads them.
 */
export interface Reconsideration {
  previous: ReconsiderableState;
  meetingId: string | null;
  decision: RequestDecision | null;
}

export interface RequestContext {
  ministryId: string;
  quorum: number;
  meetingId: string | null;
  agreedGpus: number | null;
  decision: RequestDecision | null;
  signoffs: Signoff[];
  approvedGpus: number | null;
  allocatedGpus: number;
  returnReasons: string[];
  /** The conditions of a conditional approval are not all met yet (they follow the request into `allocated`). */
  conditionsOpen: boolean;
  /** Set while a decision that took effect is being reconsidered (재심의). */
  reconsidering: Reconsideration | null;
}
export interface RequestInput {
  ministryId: string;
  /** Distinct approvers (the chair among them) needed to decide. Default 2. */
  quorum?: number;
}

// the state names live in their own module, which pages can import without the machine and XState
export { FINAL_STATES, REQUEST_STATES, type RequestState } from "./request-states";
export type AllocationDetail = "partially" | "fully";

// ---------------------------------------------------------------------------------------------
// machine

function recordedDecision(event: DecisionPayload, meetingId: string): RequestDecision {
  const decision: RequestDecision = {
    outcome: event.outcome,
    approvedGpus: event.approvedGpus,
    conditions: (event.conditions ?? []).map((c) => ({ text: c.text.trim(), dueOn: c.dueOn })),
    meetingId,
  };
  if (typeof event.note === "string" && event.note.trim() !== "") decision.note = event.note.trim();
  return decision;
}

type GuardArgs = { context: RequestContext; event: RequestEvent };
const machineGuard =
  (g: Guard) =>
  ({ context, event }: GuardArgs) =>
    g(context, event);
const checkGuards = Object.fromEntries(Object.entries(CHECK_GUARDS).map(([name, g]) => [name, machineGuard(g)])) as Record<
  CheckGuardName,
  (args: GuardArgs) => boolean
>;

/** The checks of an event type, plus branch guards that choose among its targets. */
type NamedGuard = CheckGuardName | "quorumReachedWithThis" | "fillsApproved" | "releasesAll" | "conditionsStillOpen" | "notReconsidering";
type OutcomeGuard = { type: "decisionOutcomeIs"; params: { outcome: DecisionOutcome } };
type PreviousGuard = { type: "reconsideringFrom"; params: { previous: ReconsiderableState } };
const when = (type: EventType, ...branch: NamedGuard[]) => and<RequestContext, RequestEvent, NamedGuard[]>([...EVENT_CHECKS[type], ...branch]);
/** SIGN that completes the quorum, for a decision with this outcome. */
const signDecides = (outcome: DecisionOutcome, ...branch: NamedGuard[]) =>
  and<RequestContext, RequestEvent, [...NamedGuard[], OutcomeGuard]>([
    ...EVENT_CHECKS.SIGN,
    "quorumReachedWithThis",
    ...branch,
    { type: "decisionOutcomeIs", params: { outcome } },
  ]);
/** SIGN that completes the quorum on a deferred reconsideration: the decision in force stays. */
const signKeeps = (previous: ReconsiderableState) =>
  and<RequestContext, RequestEvent, [...NamedGuard[], OutcomeGuard, PreviousGuard]>([
    ...EVENT_CHECKS.SIGN,
    "quorumReachedWithThis",
    { type: "decisionOutcomeIs", params: { outcome: "defer" } },
    { type: "reconsideringFrom", params: { previous } },
  ]);
/** UNSCHEDULE of a reconsideration: back to the decision in force. */
const unscheduleRestores = (previous: ReconsiderableState) =>
  and<RequestContext, RequestEvent, [...NamedGuard[], PreviousGuard]>([...EVENT_CHECKS.UNSCHEDULE, { type: "reconsideringFrom", params: { previous } }]);
/** RECONSIDER from a state a decision left the request in (the state is remembered for a restore). */
const reconsider = (previous: ReconsiderableState) => ({
  target: "onAgenda" as const,
  guard: when("RECONSIDER"),
  actions: { type: "startReconsideration" as const, params: { previous } },
});
const trimmed = (xs: unknown): string[] =>
  Array.isArray(xs) ? xs.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim()) : [];

export const demandRequestMachine = setup({
  types: {
    context: {} as RequestContext,
    events: {} as RequestEvent,
    input: {} as RequestInput,
  },
  guards: {
    ...checkGuards,
    quorumReachedWithThis: machineGuard(quorumReachedWithThis),
    fillsApproved: machineGuard(fillsApproved),
    releasesAll: machineGuard(releasesAll),
    conditionsStillOpen: ({ context }) => context.conditionsOpen,
    notReconsidering: ({ context }) => context.reconsidering === null,
    decisionOutcomeIs: ({ context }, params: { outcome: DecisionOutcome }) => decisionOutcomeIs(context, params.outcome),
    reconsideringFrom: ({ context }, params: { previous: ReconsiderableState }) => context.reconsidering?.previous === params.previous,
  },
  actions: {
    storeReturnReasons: assign({
      returnReasons: ({ event }) => (event.type === "RETURN" ? trimmed(event.reasons) : []),
    }),
    clearReturnReasons: assign({ returnReasons: () => [] }),
    storeSchedule: assign(({ context, event }) =>
      event.type === "SCHEDULE" ? { meetingId: event.meetingId, agreedGpus: event.plan.agreedGpus } : { meetingId: context.meetingId },
    ),
    storeDecision: assign(({ context, event }) => {
      if (event.type !== "DECIDE" && event.type !== "AMEND_DECISION") return {};
      // an amendment stays with the meeting that decided; every signature starts again
      const meetingId = event.type === "DECIDE" ? event.meetingId : (context.decision?.meetingId ?? context.meetingId ?? "");
      return { decision: recordedDecision(event, meetingId), signoffs: [] };
    }),
    recordSignoff: assign({
      signoffs: ({ context, event }) => [...context.signoffs, { approverId: event.actor.userId, isChair: event.actor.isChair === true }],
    }),
    /** Deferred, taken off the agenda, or sign-off refused: off the meeting, to be scheduled for a later one. */
    backToScheduling: assign({ meetingId: () => null, decision: () => null, signoffs: () => [] }),
    /** The decision in force goes back on an agenda; it is kept to be restored if nothing replaces it. */
    startReconsideration: assign(({ context, event }, params: { previous: ReconsiderableState }) => ({
      reconsidering: { previous: params.previous, meetingId: context.meetingId, decision: context.decision },
      meetingId: event.type === "RECONSIDER" ? event.meetingId : context.meetingId,
      decision: null,
      signoffs: [],
      // the obligations of a conditional approval wait while it is reconsidered (re-opened if it is restored)
      conditionsOpen: false,
    })),
    /** The reconsideration ended without a new decision: the earlier one is in force again. */
    restoreEarlierDecision: assign(({ context }) => ({
      meetingId: context.reconsidering?.meetingId ?? null,
      decision: context.reconsidering?.decision ?? null,
      signoffs: [],
      reconsidering: null,
    })),
    /** A new decision took effect: the reconsideration is over. */
    endReconsideration: assign({ reconsidering: () => null }),
    applyApprovedGpus: assign({
      approvedGpus: ({ context }) => context.decision?.approvedGpus ?? context.approvedGpus,
    }),
    clearApprovedGpus: assign({ approvedGpus: () => null }),
    addAllocation: assign({
      allocatedGpus: ({ context, event }) => context.allocatedGpus + (event.type === "ALLOCATE" ? event.gpus : 0),
    }),
    openConditions: assign({ conditionsOpen: () => true }),
    closeConditions: assign({ conditionsOpen: () => false }),
    subtractAllocation: assign({
      allocatedGpus: ({ context, event }) => context.allocatedGpus - (event.type === "RELEASE" ? event.gpus : 0),
    }),
  },
}).createMachine({
  id: "demandRequest",
  // xstate's pure `transition()` makes an inert actor of this machine, without input, on every event: read
  // bare, `input.ministryId` threw there (a TypeError xstate caught), each time. Every real request has input.
  context: ({ input }) => ({
    ministryId: input?.ministryId ?? "",
    quorum: input?.quorum ?? 2,
    meetingId: null,
    agreedGpus: null,
    decision: null,
    signoffs: [],
    approvedGpus: null,
    allocatedGpus: 0,
    returnReasons: [],
    conditionsOpen: false,
    reconsidering: null,
  }),
  initial: "draft",
  states: {
    draft: {
      on: {
        SUBMIT: { target: "screening", guard: when("SUBMIT") },
        WITHDRAW: { target: "withdrawn", guard: when("WITHDRAW") },
      },
    },
    screening: {
      on: {
        ACCEPT: { target: "jointPlanning", guard: when("ACCEPT"), actions: "clearReturnReasons" },
        RETURN: { target: "revision", guard: when("RETURN"), actions: "storeReturnReasons" },
        WITHDRAW: { target: "withdrawn", guard: when("WITHDRAW") },
      },
    },
    revision: {
      on: {
        RESUBMIT: { target: "screening", guard: when("RESUBMIT") },
        WITHDRAW: { target: "withdrawn", guard: when("WITHDRAW") },
      },
    },
    jointPlanning: {
      on: {
        SCHEDULE: { target: "onAgenda", guard: when("SCHEDULE"), actions: "storeSchedule" },
        WITHDRAW: { target: "withdrawn", guard: when("WITHDRAW") },
      },
    },
    onAgenda: {
      on: {
        // moving the item to another meeting's agenda: stays onAgenda, context changes
        SCHEDULE: { guard: when("SCHEDULE"), actions: "storeSchedule" },
        // taken off an unlocked agenda (or its meeting cancelled)
        UNSCHEDULE: [
          { target: "approved", guard: unscheduleRestores("approved"), actions: "restoreEarlierDecision" },
          { target: "conditionallyApproved", guard: unscheduleRestores("conditionallyApproved"), actions: "restoreEarlierDecision" },
          { target: "rejected", guard: unscheduleRestores("rejected"), actions: "restoreEarlierDecision" },
          { target: "jointPlanning", guard: when("UNSCHEDULE"), actions: "backToScheduling" },
        ],
        DECIDE: { target: "awaitingSignoff", guard: when("DECIDE"), actions: "storeDecision" },
        // only while the agenda is unlocked (guard notOnLockedAgenda): once locked, the meeting decides
        WITHDRAW: { target: "withdrawn", guard: when("WITHDRAW") },
      },
    },
    awaitingSignoff: {
      on: {
        SIGN: [
          { target: "approved", guard: signDecides("approve"), actions: ["recordSignoff", "endReconsideration"] },
          { target: "conditionallyApproved", guard: signDecides("approveWithConditions"), actions: ["recordSignoff", "endReconsideration"] },
          { target: "rejected", guard: signDecides("reject"), actions: ["recordSignoff", "endReconsideration"] },
          // a reconsideration deferred: the decision in force stays
          { target: "approved", guard: signKeeps("approved"), actions: ["recordSignoff", "restoreEarlierDecision"] },
          { target: "conditionallyApproved", guard: signKeeps("conditionallyApproved"), actions: ["recordSignoff", "restoreEarlierDecision"] },
          { target: "rejected", guard: signKeeps("rejected"), actions: ["recordSignoff", "restoreEarlierDecision"] },
          { target: "jointPlanning", guard: signDecides("defer", "notReconsidering"), actions: ["recordSignoff", "backToScheduling"] },
          // quorum not reached yet: record the signature and keep waiting
          { guard: when("SIGN"), actions: "recordSignoff" },
        ],
        // corrected before the quorum completes: the new version waits for every signature again
        AMEND_DECISION: { guard: when("AMEND_DECISION"), actions: "storeDecision" },
        // back for the next meeting: DECIDE is refused until it is scheduled on another agenda
        REFUSE_SIGNOFF: { target: "onAgenda", guard: when("REFUSE_SIGNOFF"), actions: "backToScheduling" },
      },
    },
    approved: {
      entry: "applyApprovedGpus",
      on: {
        RECONSIDER: reconsider("approved"),
        ALLOCATE: [
          { target: "allocated.fully", guard: when("ALLOCATE", "fillsApproved"), actions: "addAllocation" },
          { target: "allocated.partially", guard: when("ALLOCATE"), actions: "addAllocation" },
        ],
      },
    },
    conditionallyApproved: {
      entry: ["applyApprovedGpus", "openConditions"],
      on: {
        CONDITIONS_MET: { target: "approved", guard: when("CONDITIONS_MET"), actions: "closeConditions" },
        RECONSIDER: reconsider("conditionallyApproved"),
        // only when the configuration allows GPUs before the conditions are met (guard conditionalAllocationAllowed)
        ALLOCATE: [
          { target: "allocated.fully", guard: when("ALLOCATE", "fillsApproved"), actions: "addAllocation" },
          { target: "allocated.partially", guard: when("ALLOCATE"), actions: "addAllocation" },
        ],
      },
    },
    // not final: a rejection that took effect can still be reconsidered at a later meeting (재심의)
    rejected: {
      entry: "clearApprovedGpus",
      on: { RECONSIDER: reconsider("rejected") },
    },
    allocated: {
      initial: "partially",
      states: { partially: {}, fully: {} },
      on: {
        // from `fully` every ALLOCATE is refused with OVER_APPROVED
        ALLOCATE: [
          { target: ".fully", guard: when("ALLOCATE", "fillsApproved"), actions: "addAllocation" },
          { target: ".partially", guard: when("ALLOCATE"), actions: "addAllocation" },
        ],
        RELEASE: [
          { target: "conditionallyApproved", guard: when("RELEASE", "releasesAll", "conditionsStillOpen"), actions: "subtractAllocation" },
          { target: "approved", guard: when("RELEASE", "releasesAll"), actions: "subtractAllocation" },
          { target: ".partially", guard: when("RELEASE"), actions: "subtractAllocation" },
        ],
        // conditions carried in from a conditional approval are met while the GPUs are already allocated
        CONDITIONS_MET: { guard: when("CONDITIONS_MET"), actions: "closeConditions" },
        START: { target: "active", guard: when("START") },
        // closed early (e.g. the ministry gives the GPUs back before starting)
        CLOSE: { target: "closed", guard: when("CLOSE") },
      },
    },
    active: {
      on: {
        CONDITIONS_MET: { guard: when("CONDITIONS_MET"), actions: "closeConditions" },
        CLOSE: { target: "closed", guard: when("CLOSE") },
      },
    },
    closed: { type: "final" },
    withdrawn: { type: "final" },
  },
});

export type RequestSnapshot = SnapshotFrom<typeof demandRequestMachine>;

// ---------------------------------------------------------------------------------------------
// pure helpers

export function initialSnapshot(input: RequestInput): RequestSnapshot {
  return initialTransition(demandRequestMachine, input)[0];
}

/**
 * Applies `event`. `changed` is true when the machine took a transition (every accepted event
 * assigns context, so the snapshot object changes); a refused event returns the same snapshot.
 */
export function sendEvent(snapshot: RequestSnapshot, event: RequestEvent): { snapshot: RequestSnapshot; changed: boolean } {
  const [next] = transition(demandRequestMachine, snapshot, event);
  return { snapshot: next, changed: next !== snapshot };
}

export function stateName(snapshot: Pick<RequestSnapshot, "value">): RequestState {
  const v = snapshot.value as string | Record<string, unknown>;
  return (typeof v === "string" ? v : Object.keys(v)[0]) as RequestState;
}

export function stateDetail(snapshot: Pick<RequestSnapshot, "value">): AllocationDetail | null {
  const v = snapshot.value as string | Record<string, unknown>;
  return typeof v === "object" && v !== null && typeof v.allocated === "string" ? (v.allocated as AllocationDetail) : null;
}

export const isEventType = (t: unknown): t is EventType => EVENT_TYPES.includes(t as EventType);

/** Event types with a transition (guarded or not) in the snapshot's current state. */
function eventsHandledIn(snapshot: RequestSnapshot): Set<string> {
  return new Set(getNextTransitions(snapshot).map((t) => t.eventType));
}

/**
 * Why `event` would be refused in `snapshot`, or null when the machine would accept it.
 * Evaluates the same guards as the machine, in order: role/ministry, already-signed, payload.
 */
export function explainRefusal(snapshot: RequestSnapshot, event: RequestEvent): Refusal | null {
  const state = stateName(snapshot);
  if (snapshot.status === "done") return { code: "FINAL_STATE", params: { state } };
  if (!isEventType(event?.type) || !eventsHandledIn(snapshot).has(event.type)) {
    return { code: "NOT_IN_STATE", params: { state, event: String(event?.type) } };
  }
  return firstFailedCheck(snapshot.context, event);
}

/**
 * The event types `actor` may send now, judging only who sends (role, own ministry, already
 * signed) — not the payload, so e.g. SCHEDULE is listed before the plan is co-signed.
 */
export function allowedEvents(snapshot: RequestSnapshot, actor: WorkflowActor): EventType[] {
  if (snapshot.status === "done") return [];
  const handled = eventsHandledIn(snapshot);
  return EVENT_TYPES.filter((type) => handled.has(type) && firstFailedCheck(snapshot.context, { type, actor } as RequestEvent, "actor") === null);
}

export interface WorkflowDescription {
  states: { id: RequestState; final: boolean; children: string[] }[];
  transitions: { from: string; event: string; to: string[] }[];
}

let described: Readonly<WorkflowDescription> | undefined;

/**
 * States and transitions read from the machine definition (for the diagram and the docs). The machine
 * does not change while the process runs, so it is read once (every request page sends it).
 */
export function describeWorkflow(): Readonly<WorkflowDescription> {
  return (described ??= readWorkflow());
}

function readWorkflow(): WorkflowDescription {
  const root = demandRequestMachine.root;
  const nodeId = (n: AnyStateNode) => n.path.join(".");
  const states = Object.values(root.states).map((n: AnyStateNode) => ({
    id: n.key as RequestState,
    final: n.type === "final",
    children: Object.keys(n.states),
  }));
  const transitions: WorkflowDescription["transitions"] = [];
  const visit = (node: AnyStateNode) => {
    for (const [event, defs] of node.transitions) {
      const to = new Set<string>();
      for (const d of defs) for (const t of d.target ?? [node]) to.add(nodeId(t));
      transitions.push({ from: nodeId(node), event, to: [...to] });
    }
    Object.values(node.states).forEach(visit);
  };
  Object.values(root.states).forEach(visit);
  return { states, transitions };
}
