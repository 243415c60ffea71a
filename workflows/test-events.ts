/**
 * Test-only helpers: an event generator producing valid and invalid events from several actors,
 * and an exhaustive exploration of the reachable snapshots (via xstate/graph).
 */
import { getShortestPaths } from "xstate/graph";
import {
  CHECK_GUARDS,
  EVENT_CHECKS,
  demandRequestMachine,
  type CheckGuardName,
  type RequestEvent,
  type RequestSnapshot,
} from "./demand-request.machine";
import { AGREED_GPUS, APPROVED_GPUS, MINISTRY_ID, actors } from "./fixtures";
import type { WorkflowActor } from "./types";

export const ALL_ACTORS: readonly WorkflowActor[] = Object.values(actors);
const COND = [{ text: "보안 점검 완료", dueOn: "2026-06-30" }];

/** Payload variants per event type (valid first), for one actor and the snapshot's context. */
export function payloadVariants(actor: WorkflowActor, s: RequestSnapshot): RequestEvent[] {
  const meeting = s.context.meetingId ?? "meeting-1";
  const plan = { coSigned: true, agreedGpus: AGREED_GPUS };
  const decide = (extra: Partial<Extract<RequestEvent, { type: "DECIDE" }>>): RequestEvent => ({
    type: "DECIDE",
    actor,
    meetingId: meeting,
    agendaLocked: true,
    outcome: "approve",
    approvedGpus: APPROVED_GPUS,
    conditions: [],
    ...extra,
  });
  return [
    { type: "SUBMIT", actor },
    { type: "RESUBMIT", actor },
    { type: "WITHDRAW", actor, reason: "계획 변경" },
    { type: "WITHDRAW", actor, reason: "   " },
    { type: "ACCEPT", actor },
    { type: "ACCEPT", actor, note: "접수 의견" },
    { type: "RETURN", actor, reasons: ["예산 근거 보완"] },
    { type: "RETURN", actor, reasons: [] },
    { type: "RETURN", actor, reasons: [" "] },
    { type: "SCHEDULE", actor, meetingId: "meeting-1", plan, meetingAcceptsItems: true },
    { type: "SCHEDULE", actor, meetingId: "meeting-2", plan, meetingAcceptsItems: true },
    { type: "SCHEDULE", actor, meetingId: "meeting-1", plan: { coSigned: false, agreedGpus: AGREED_GPUS }, meetingAcceptsItems: true },
    { type: "SCHEDULE", actor, meetingId: "meeting-1", plan: { coSigned: true, agreedGpus: null }, meetingAcceptsItems: true },
    { type: "SCHEDULE", actor, meetingId: "meeting-1", plan: { coSigned: true, agreedGpus: 0 }, meetingAcceptsItems: true },
    { type: "SCHEDULE", actor, meetingId: "meeting-1", plan, meetingAcceptsItems: false },
    decide({}),
    decide({ outcome: "approveWithConditions", conditions: COND }),
    decide({ outcome: "defer", approvedGpus: 0 }),
    decide({ outcome: "reject", approvedGpus: 0 }),
    decide({ agendaLocked: false }),
    decide({ meetingId: "meeting-x" }),
    decide({ approvedGpus: AGREED_GPUS + 1 }),
    decide({ approvedGpus: -1 }),
    decide({ approvedGpus: 1.5 }),
    decide({ approvedGpus: 0 }),
    decide({ outcome: "approveWithConditions" }),
    decide({ outcome: "approveWithConditions", conditions: [{ text: "점검", dueOn: "2026-13-45" }] }),
    { type: "SIGN", actor },
    { type: "SIGN", actor, comment: "이의 없음" },
    { type: "REFUSE_SIGNOFF", actor, reason: "재검토 필요" },
    { type: "REFUSE_SIGNOFF", actor, reason: "" },
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

/** The first check guard of the event's type that fails, or null when all pass. */
export function firstFailingGuard(s: RequestSnapshot, e: RequestEvent): CheckGuardName | null {
  for (const g of EVENT_CHECKS[e.type] as readonly CheckGuardName[]) {
    if (!CHECK_GUARDS[g](s.context, e)) return g;
  }
  return null;
}
