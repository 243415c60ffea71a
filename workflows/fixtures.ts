/**
 * Representative actors, valid sample events and a canonical path into every state. Used by the
 * workflow tests and by the generated decision table (docs/workflow-decision-table.md); handy for
 * seeds and service tests too.
 */
import {
  initialSnapshot,
  sendEvent,
  stateDetail,
  stateName,
  type EventType,
  type RequestEvent,
  type RequestSnapshot,
  type RequestState,
} from "./demand-request.machine";
import type { DecisionOutcome, WorkflowActor } from "./types";

export const MINISTRY_ID = "org-mohw";

const actor = (userId: string, role: WorkflowActor["role"], organizationId: string, isChair = false): WorkflowActor => ({
  userId,
  role,
  organizationId,
  isChair,
});

export const actors = {
  ministry: actor("u-mohw-officer", "MINISTRY_OFFICER", MINISTRY_ID),
  otherMinistry: actor("u-motie-officer", "MINISTRY_OFFICER", "org-motie"),
  secretariat: actor("u-msit-secretariat", "SECRETARIAT", "org-msit"),
  chair: actor("u-chair", "APPROVER", "org-msit", true),
  member1: actor("u-member-1", "APPROVER", "org-msit"),
  member2: actor("u-member-2", "APPROVER", "org-msit"),
  admin: actor("u-admin", "ADMIN", "org-msit"),
} as const;

/** Approvers in the order sample SIGN events use them: a member first, so one signature never decides. */
export const APPROVER_ORDER: readonly WorkflowActor[] = [actors.member1, actors.chair, actors.member2];

export const AGREED_GPUS = 100;
export const APPROVED_GPUS = 80;

export interface SampleOptions {
  outcome?: DecisionOutcome;
  gpus?: number;
  meetingId?: string;
}

/** The role that may send each event, as a representative actor. */
export function permittedActor(type: EventType, snapshot: RequestSnapshot): WorkflowActor {
  switch (type) {
    case "SUBMIT":
    case "RESUBMIT":
    case "WITHDRAW":
      return actors.ministry;
    case "SIGN":
    case "REFUSE_SIGNOFF":
      return APPROVER_ORDER.find((a) => !snapshot.context.signoffs.some((s) => s.approverId === a.userId)) ?? actors.member2;
    default:
      return actors.secretariat;
  }
}

/** A valid event of `type` from a permitted actor, shaped for the snapshot's context. */
export function sampleEvent(type: EventType, snapshot: RequestSnapshot, options: SampleOptions = {}): RequestEvent {
  const a = permittedActor(type, snapshot);
  const c = snapshot.context;
  switch (type) {
    case "WITHDRAW":
      return { type, actor: a, reason: "사업 계획 변경으로 철회합니다.", agendaLocked: false };
    case "UNSCHEDULE":
      return { type, actor: a, reason: "공동계획 재검토가 필요해 다음 회의로 미룹니다.", agendaLocked: false };
    case "RETURN":
      return { type, actor: a, reasons: ["예산 산출 근거를 보완해 주십시오."] };
    case "SCHEDULE":
      return {
        type,
        actor: a,
        meetingId: options.meetingId ?? (c.meetingId ? `${c.meetingId}-next` : "meeting-3"),
        plan: { coSigned: true, agreedGpus: AGREED_GPUS },
        meetingAcceptsItems: true,
        agendaLocked: false,
      };
    case "DECIDE": {
      const outcome = options.outcome ?? "approve";
      const grants = outcome === "approve" || outcome === "approveWithConditions";
      return {
        type,
        actor: a,
        meetingId: options.meetingId ?? c.meetingId ?? "meeting-3",
        agendaLocked: true,
        meetingHeld: true,
        outcome,
        approvedGpus: options.gpus ?? (grants ? APPROVED_GPUS : 0),
        conditions: outcome === "approveWithConditions" ? [{ text: "데이터 반출 보안 점검 완료", dueOn: "2026-06-30" }] : [],
      };
    }
    case "AMEND_DECISION": {
      const outcome = options.outcome ?? "approve";
      const grants = outcome === "approve" || outcome === "approveWithConditions";
      return {
        type,
        actor: a,
        reason: "승인 수량 기재 오류 정정",
        outcome,
        approvedGpus: options.gpus ?? (grants ? APPROVED_GPUS - 10 : 0),
        conditions: outcome === "approveWithConditions" ? [{ text: "데이터 반출 보안 점검 완료", dueOn: "2026-06-30" }] : [],
      };
    }
    case "REFUSE_SIGNOFF":
      return { type, actor: a, reason: "승인 수량 재검토 필요" };
    case "RECONSIDER":
      return {
        type,
        actor: a,
        meetingId: options.meetingId ?? "meeting-4",
        reason: "사업 범위 변경에 따른 재심의",
        meetingAcceptsItems: true,
      };
    case "CONDITIONS_MET":
      return { type, actor: a, allConditionsMet: true };
    case "ALLOCATE": {
      const remaining = (c.approvedGpus ?? 0) - c.allocatedGpus;
      return { type, actor: a, gpus: options.gpus ?? (remaining >= 40 ? 40 : Math.max(remaining, 1)) };
    }
    case "RELEASE":
      return { type, actor: a, gpus: options.gpus ?? Math.max(c.allocatedGpus, 1) };
    default:
      return { type, actor: a } as RequestEvent;
  }
}

export type Step = EventType | [EventType, SampleOptions];

/** Applies sample events in order; throws if one is not accepted (a broken fixture, not a test). */
export function walk(steps: readonly Step[], from: RequestSnapshot = initialSnapshot({ ministryId: MINISTRY_ID })): RequestSnapshot {
  let s = from;
  for (const step of steps) {
    const [type, options] = typeof step === "string" ? [step, {}] : step;
    const r = sendEvent(s, sampleEvent(type, s, options));
    if (!r.changed) throw new Error(`fixture step ${type} refused in ${stateName(s)}`);
    s = r.snapshot;
  }
  return s;
}

/** A row of the decision table: a top-level state, or `allocated.partially` / `allocated.fully`. */
export type StateKey = Exclude<RequestState, "allocated"> | "allocated.partially" | "allocated.fully";

const TO_ON_AGENDA: Step[] = ["SUBMIT", "ACCEPT", "SCHEDULE"];
const APPROVED: Step[] = [...TO_ON_AGENDA, "DECIDE", "SIGN", "SIGN"];

/** A canonical path to every state (and allocation detail). */
export const PATHS: Record<StateKey, readonly Step[]> = {
  draft: [],
  screening: ["SUBMIT"],
  revision: ["SUBMIT", "RETURN"],
  jointPlanning: ["SUBMIT", "ACCEPT"],
  onAgenda: TO_ON_AGENDA,
  awaitingSignoff: [...TO_ON_AGENDA, "DECIDE"],
  approved: APPROVED,
  conditionallyApproved: [...TO_ON_AGENDA, ["DECIDE", { outcome: "approveWithConditions" }], "SIGN", "SIGN"],
  rejected: [...TO_ON_AGENDA, ["DECIDE", { outcome: "reject" }], "SIGN", "SIGN"],
  "allocated.partially": [...APPROVED, "ALLOCATE"],
  "allocated.fully": [...APPROVED, ["ALLOCATE", { gpus: APPROVED_GPUS }]],
  active: [...APPROVED, "ALLOCATE", "START"],
  closed: [...APPROVED, "ALLOCATE", "START", "CLOSE"],
  withdrawn: ["WITHDRAW"],
};

export const STATE_KEYS = Object.keys(PATHS) as StateKey[];

export function stateKey(snapshot: RequestSnapshot): StateKey {
  const detail = stateDetail(snapshot);
  return (detail ? `${stateName(snapshot)}.${detail}` : stateName(snapshot)) as StateKey;
}

export function snapshotAt(key: StateKey): RequestSnapshot {
  return walk(PATHS[key]);
}
