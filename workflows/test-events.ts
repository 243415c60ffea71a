/**
 * Test-only helpers: an event generator producing valid and invalid events from several actors,
 * and an exhaustive exploration of the reachable snapshots (via xstate/graph).
 */
import { getShortestPaths } from "xstate/graph";
import {
  CHECK_GUARDS,
  EVENT_CHECKS,
  demandRequestMachine,
  explainRefusal,
  sendEvent,
  type CheckGuardName,
  type Refusal,
  type RequestEvent,
  type RequestSnapshot,
} from "./demand-request.machine";
import { AGREED_GPUS, APPROVED_GPUS, MINISTRY_ID, actors } from "./fixtures";
import type { WorkflowActor } from "./types";

export const ALL_ACTORS: readonly WorkflowActor[] = Object.values(actors);
const COND = [{ text: "보안 점검 완료", dueOn: "2026-06-30" }];

/** Payload variants per event type (valid first), for one actor and the snapshot's context. */
export function payloadVariants(actor: WorkflowActor, s: RequestSnapshot): RequestEvent[] {
  // Under reconsideration the generator narrows two choices that only multiply snapshots: one meeting to
  // re-schedule on, and two approvers (member 1 and the chair) to sign. Every reconsideration branch, guard
  // and refusal is still reached; quorum orders and moves between meetings are explored outside it.
  const inReconsideration = s.context.reconsidering !== null;
  // Reconsideration starts from decisions taken at meeting-1 (and from every rejection, whose only way out
  // it is): a reconsideration carries the earlier decision with it, so each starting decision copies the
  // whole subtree below it.
  const reconsiderable = s.context.meetingId === "meeting-1" || s.value === "rejected";
  const meeting = s.context.meetingId ?? "meeting-1";
  const plan = { coSigned: true, agreedGpus: AGREED_GPUS };
  const decide = (extra: Partial<Extract<RequestEvent, { type: "DECIDE" }>>): RequestEvent => ({
    type: "DECIDE",
    actor,
    meetingId: meeting,
    agendaLocked: true,
    meetingHeld: true,
    outcome: "approve",
    approvedGpus: APPROVED_GPUS,
    conditions: [],
    ...extra,
  });
  return [
    { type: "SUBMIT", actor },
    { type: "RESUBMIT", actor },
    { type: "WITHDRAW", actor, reason: "계획 변경", agendaLocked: false },
    { type: "WITHDRAW", actor, reason: "   ", agendaLocked: false },
    { type: "WITHDRAW", actor, reason: "계획 변경", agendaLocked: true },
    { type: "ACCEPT", actor },
    { type: "ACCEPT", actor, note: "접수 의견" },
    { type: "RETURN", actor, reasons: ["예산 근거 보완"] },
    { type: "RETURN", actor, reasons: [] },
    { type: "RETURN", actor, reasons: [" "] },
    { type: "SCHEDULE", actor, meetingId: "meeting-1", plan, meetingAcceptsItems: true, agendaLocked: false },
    ...(inReconsideration
      ? []
      : [{ type: "SCHEDULE", actor, meetingId: "meeting-2", plan, meetingAcceptsItems: true, agendaLocked: false } satisfies RequestEvent]),
    { type: "SCHEDULE", actor, meetingId: "meeting-1", plan: { coSigned: false, agreedGpus: AGREED_GPUS }, meetingAcceptsItems: true, agendaLocked: false },
    { type: "SCHEDULE", actor, meetingId: "meeting-1", plan: { coSigned: true, agreedGpus: null }, meetingAcceptsItems: true, agendaLocked: false },
    { type: "SCHEDULE", actor, meetingId: "meeting-1", plan: { coSigned: true, agreedGpus: 0 }, meetingAcceptsItems: true, agendaLocked: false },
    { type: "SCHEDULE", actor, meetingId: "meeting-1", plan, meetingAcceptsItems: false, agendaLocked: false },
    { type: "SCHEDULE", actor, meetingId: "meeting-2", plan, meetingAcceptsItems: true, agendaLocked: true },
    { type: "UNSCHEDULE", actor, reason: "공동계획 재검토", agendaLocked: false },
    { type: "UNSCHEDULE", actor, reason: " ", agendaLocked: false },
    { type: "UNSCHEDULE", actor, reason: "공동계획 재검토", agendaLocked: true },
    decide({}),
    decide({ outcome: "approveWithConditions", conditions: COND }),
    decide({ outcome: "defer", approvedGpus: 0 }),
    decide({ outcome: "reject", approvedGpus: 0 }),
    decide({ agendaLocked: false }),
    decide({ meetingHeld: false }),
    decide({ meetingId: "meeting-x" }),
    decide({ approvedGpus: AGREED_GPUS + 1 }),
    decide({ approvedGpus: -1 }),
    decide({ approvedGpus: 1.5 }),
    decide({ approvedGpus: 0 }),
    decide({ outcome: "approveWithConditions" }),
    decide({ outcome: "approveWithConditions", conditions: [{ text: "점검", dueOn: "2026-13-45" }] }),
    // amendments to values a DECIDE above also records (so they add no new snapshots), and one without a reason
    { type: "AMEND_DECISION", actor, reason: "수량 정정", outcome: "reject", approvedGpus: 0, conditions: [] },
    { type: "AMEND_DECISION", actor, reason: "수량 정정", outcome: "approve", approvedGpus: APPROVED_GPUS, conditions: [] },
    { type: "AMEND_DECISION", actor, reason: "", outcome: "reject", approvedGpus: 0, conditions: [] },
    ...(inReconsideration && actor.userId === actors.member2.userId
      ? []
      : ([
          { type: "SIGN", actor },
          { type: "SIGN", actor, comment: "이의 없음" },
          { type: "REFUSE_SIGNOFF", actor, reason: "재검토 필요" },
          { type: "REFUSE_SIGNOFF", actor, reason: "" },
        ] satisfies RequestEvent[])),
    ...(reconsiderable
      ? ([
          { type: "RECONSIDER", actor, meetingId: "meeting-2", reason: "사업 범위 변경", meetingAcceptsItems: true },
          { type: "RECONSIDER", actor, meetingId: "meeting-2", reason: " ", meetingAcceptsItems: true },
          { type: "RECONSIDER", actor, meetingId: "meeting-2", reason: "사업 범위 변경", meetingAcceptsItems: false },
        ] satisfies RequestEvent[])
      : []),
    { type: "CONDITIONS_MET", actor, allConditionsMet: true },
    { type: "CONDITIONS_MET", actor, allConditionsMet: false },
    { type: "ALLOCATE", actor, gpus: 40 },
    { type: "ALLOCATE", actor, gpus: APPROVED_GPUS },
    { type: "ALLOCATE", actor, gpus: APPROVED_GPUS + 1 },
    { type: "ALLOCATE", actor, gpus: 0 },
    { type: "ALLOCATE", actor, gpus: 2.5 },
    { type: "RELEASE", actor, gpus: 40 },
    { type: "RELEASE", actor, gpus: APPROVED_GPUS },
    { type: "RELEASE", actor, gpus: APPROVED_GPUS + 1 },
    { type: "RELEASE", actor, gpus: 0 },
    { type: "START", actor },
    { type: "CLOSE", actor },
  ];
}

/** Every variant from every actor. */
export function eventsFor(s: RequestSnapshot): RequestEvent[] {
  return ALL_ACTORS.flatMap((a) => payloadVariants(a, s));
}

let explored: RequestSnapshot[] | undefined;

/** All snapshots reachable with `eventsFor` (distinct by value + context), initial first. */
export function reachableSnapshots(): RequestSnapshot[] {
  explored ??= getShortestPaths(demandRequestMachine, {
    input: { ministryId: MINISTRY_ID },
    events: eventsFor,
  }).map((p) => p.state);
  return explored;
}

export interface Outcome {
  event: RequestEvent;
  refusal: Refusal | null;
  next: RequestSnapshot;
  changed: boolean;
}
const outcomes = new WeakMap<RequestSnapshot, Outcome[]>();

/**
 * What every generated event does in `s` (the machine's verdict and `explainRefusal`'s), computed once
 * per snapshot: several whole-machine tests walk the same 170,000 (snapshot, event) pairs, and an xstate
 * transition is the expensive part.
 */
export function outcomesIn(s: RequestSnapshot): Outcome[] {
  let found = outcomes.get(s);
  if (!found) {
    found = eventsFor(s).map((event) => {
      const { snapshot: next, changed } = sendEvent(s, event);
      return { event, refusal: explainRefusal(s, event), next, changed };
    });
    outcomes.set(s, found);
  }
  return found;
}

/** The first check guard of the event's type that fails, or null when all pass. */
export function firstFailingGuard(s: RequestSnapshot, e: RequestEvent): CheckGuardName | null {
  for (const g of EVENT_CHECKS[e.type] as readonly CheckGuardName[]) {
    if (!CHECK_GUARDS[g](s.context, e)) return g;
  }
  return null;
}
