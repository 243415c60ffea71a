/**
 * Guards of the demand-request workflow, as plain functions `(context, event) => boolean`.
 *
 * The machine (demand-request.machine.ts) references these by name, and `explainRefusal` evaluates
 * the very same functions in the very same order (`EVENT_CHECKS`), so the reason shown to a person
 * can never disagree with what the machine did. Every "check" guard maps to one refusal code
 * (`CHECK_REFUSALS`); "branch" guards only choose between targets of an accepted event.
 */
import type { RequestContext, RequestEvent, EventType } from "./demand-request.machine";
import type { DecisionOutcome, Role } from "./types";

export type RefusalCode =
  | "NOT_IN_STATE"
  | "WRONG_ROLE"
  | "NOT_OWN_MINISTRY"
  | "ALREADY_SIGNED"
  | "REASON_REQUIRED"
  | "PLAN_NOT_COSIGNED"
  | "AGREED_GPUS_MISSING"
  | "MEETING_CLOSED"
  | "AGENDA_NOT_LOCKED"
  | "AGENDA_LOCKED"
  | "MEETING_NOT_HELD"
  | "WRONG_MEETING"
  | "APPROVED_OVER_AGREED"
  | "APPROVED_GPUS_INVALID"
  | "CONDITIONS_REQUIRED"
  | "DECISION_UNCHANGED"
  | "CONDITIONS_OPEN"
  | "NO_OPEN_CONDITIONS"
  | "CONDITIONAL_ALLOCATION_OFF"
  | "OVER_APPROVED"
  | "GPUS_INVALID"
  | "RELEASE_OVER_ALLOCATED"
  | "FINAL_STATE";

export const REFUSAL_CODES: readonly RefusalCode[] = [
  "NOT_IN_STATE",
  "WRONG_ROLE",
  "NOT_OWN_MINISTRY",
  "ALREADY_SIGNED",
  "REASON_REQUIRED",
  "PLAN_NOT_COSIGNED",
  "AGREED_GPUS_MISSING",
  "MEETING_CLOSED",
  "AGENDA_NOT_LOCKED",
  "AGENDA_LOCKED",
  "MEETING_NOT_HELD",
  "WRONG_MEETING",
  "APPROVED_OVER_AGREED",
  "APPROVED_GPUS_INVALID",
  "CONDITIONS_REQUIRED",
  "DECISION_UNCHANGED",
  "CONDITIONS_OPEN",
  "NO_OPEN_CONDITIONS",
  "CONDITIONAL_ALLOCATION_OFF",
  "OVER_APPROVED",
  "GPUS_INVALID",
  "RELEASE_OVER_ALLOCATED",
  "FINAL_STATE",
];

export interface Refusal {
  code: RefusalCode;
  params?: Record<string, string | number>;
}

export type Guard = (context: RequestContext, event: RequestEvent) => boolean;

// ---------------------------------------------------------------------------------------------
// small helpers (defensive: events are typed, but a malformed payload must be refused, not crash)

const nonBlank = (s: unknown): s is string => typeof s === "string" && s.trim().length > 0;
const isInt = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n);
const hasRole = (event: RequestEvent, role: Role) => event.actor?.role === role;
const GRANTING: readonly DecisionOutcome[] = ["approve", "approveWithConditions"];
const OUTCOMES: readonly DecisionOutcome[] = ["approve", "approveWithConditions", "defer", "reject"];
/** Events that record a decision's content (the first version, or its amendment). */
const recordsDecision = (e: RequestEvent): e is Extract<RequestEvent, { type: "DECIDE" | "AMEND_DECISION" }> =>
  e.type === "DECIDE" || e.type === "AMEND_DECISION";
const REASONED: readonly string[] = ["WITHDRAW", "REFUSE_SIGNOFF", "UNSCHEDULE", "AMEND_DECISION", "RECONSIDER"];

export function isIsoDate(s: unknown): boolean {
  if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

// ---------------------------------------------------------------------------------------------
// check guards: who may send (kind "actor")

export const isMinistryOfficer: Guard = (_c, e) => hasRole(e, "MINISTRY_OFFICER");
export const isOwnMinistry: Guard = (c, e) => e.actor?.organizationId === c.ministryId;
export const isSecretariat: Guard = (_c, e) => hasRole(e, "SECRETARIAT");
export const isApprover: Guard = (_c, e) => hasRole(e, "APPROVER");
export const notAlreadySigned: Guard = (c, e) => !c.signoffs.some((s) => s.approverId === e.actor?.userId);

// check guards: what the payload and the facts the server attached must satisfy (kind "payload")

export const hasReturnReasons: Guard = (_c, e) => e.type === "RETURN" && Array.isArray(e.reasons) && e.reasons.some(nonBlank);
export const hasReason: Guard = (_c, e) => REASONED.includes(e.type) && nonBlank((e as { reason?: unknown }).reason);
export const planCoSigned: Guard = (_c, e) => e.type === "SCHEDULE" && e.plan?.coSigned === true;
export const agreedGpusSet: Guard = (_c, e) => e.type === "SCHEDULE" && isInt(e.plan?.agreedGpus) && e.plan.agreedGpus > 0;
/** The target meeting exists and still takes agenda items (its agenda is not locked). */
export const meetingAcceptsItems: Guard = (_c, e) =>
  (e.type === "SCHEDULE" || e.type === "RECONSIDER") && nonBlank(e.meetingId) && e.meetingAcceptsItems === true;
/**
 * Not on a locked agenda: a request on no meeting passes; on a meeting, the server must say its agenda
 * is unlocked. Once the agenda is locked the meeting decides (no withdrawal, no taking it off, no
 * moving it to another meeting).
 */
export const notOnLockedAgenda: Guard = (c, e) =>
  (e.type === "WITHDRAW" || e.type === "UNSCHEDULE" || e.type === "SCHEDULE") && (c.meetingId === null || e.agendaLocked === false);
export const agendaLocked: Guard = (_c, e) => e.type === "DECIDE" && e.agendaLocked === true;
/** Results are recorded only once the meeting's date has come (Korean time; a fact the server sets). */
export const meetingHeld: Guard = (_c, e) => e.type === "DECIDE" && e.meetingHeld === true;
export const sameMeeting: Guard = (c, e) => e.type === "DECIDE" && c.meetingId !== null && e.meetingId === c.meetingId;
/** Integer ≥ 0, and > 0 when the outcome grants GPUs. An unknown outcome can't carry a count. */
export const approvedGpusValid: Guard = (_c, e) =>
  recordsDecision(e) && OUTCOMES.includes(e.outcome) && isInt(e.approvedGpus) && e.approvedGpus >= (GRANTING.includes(e.outcome) ? 1 : 0);
export const approvedWithinAgreed: Guard = (c, e) => recordsDecision(e) && c.agreedGpus !== null && e.approvedGpus <= c.agreedGpus;
export const conditionsProvided: Guard = (_c, e) =>
  recordsDecision(e) &&
  (e.outcome !== "approveWithConditions" ||
    (Array.isArray(e.conditions) && e.conditions.length > 0 && e.conditions.every((x) => nonBlank(x?.text) && isIsoDate(x?.dueOn))));
/** An amendment changes the recorded decision (outcome, GPUs, conditions or note). */
export const changesDecision: Guard = (c, e) => {
  if (e.type !== "AMEND_DECISION" || !c.decision) return false;
  const text = (s: unknown) => (typeof s === "string" ? s.trim() : "");
  const conditions = (xs: unknown) => JSON.stringify(Array.isArray(xs) ? xs.map((x) => [text(x?.text), x?.dueOn]) : []);
  const d = c.decision;
  return e.outcome !== d.outcome || e.approvedGpus !== d.approvedGpus || conditions(e.conditions) !== conditions(d.conditions) || text(e.note) !== text(d.note);
};
export const allConditionsMet: Guard = (_c, e) => e.type === "CONDITIONS_MET" && e.allConditionsMet === true;
/** There are conditions of a conditional approval still to be met (CONDITIONS_MET has something to close). */
export const conditionsAreOpen: Guard = (c) => c.conditionsOpen === true;
/** GPUs before the conditions are met only when the configuration allows it (a fact the server sets). */
export const conditionalAllocationAllowed: Guard = (c, e) => !c.conditionsOpen || (e.type === "ALLOCATE" && e.conditionalAllowed === true);
export const allocationGpusValid: Guard = (_c, e) => e.type === "ALLOCATE" && isInt(e.gpus) && e.gpus > 0;
export const withinApproved: Guard = (c, e) => e.type === "ALLOCATE" && c.approvedGpus !== null && c.allocatedGpus + e.gpus <= c.approvedGpus;
export const releaseGpusValid: Guard = (_c, e) => e.type === "RELEASE" && isInt(e.gpus) && e.gpus > 0;
export const releaseWithinAllocated: Guard = (c, e) => e.type === "RELEASE" && e.gpus <= c.allocatedGpus;

export const CHECK_GUARDS = {
  isMinistryOfficer,
  isOwnMinistry,
  isSecretariat,
  isApprover,
  notAlreadySigned,
  hasReturnReasons,
  hasReason,
  planCoSigned,
  agreedGpusSet,
  meetingAcceptsItems,
  notOnLockedAgenda,
  agendaLocked,
  meetingHeld,
  sameMeeting,
  approvedGpusValid,
  approvedWithinAgreed,
  conditionsProvided,
  changesDecision,
  allConditionsMet,
  conditionsAreOpen,
  conditionalAllocationAllowed,
  allocationGpusValid,
  withinApproved,
  releaseGpusValid,
  releaseWithinAllocated,
} satisfies Record<string, Guard>;

export type CheckGuardName = keyof typeof CHECK_GUARDS;

type Params = Record<string, string | number>;
export interface CheckRefusal {
  code: RefusalCode;
  /** "actor" guards depend only on who sends (and the context); "payload" guards on the event body. */
  kind: "actor" | "payload";
  params?: (context: RequestContext, event: RequestEvent) => Params;
}

const num = (n: unknown): number | string => (typeof n === "number" ? n : String(n));

export const CHECK_REFUSALS: Record<CheckGuardName, CheckRefusal> = {
  isMinistryOfficer: { code: "WRONG_ROLE", kind: "actor", params: (_c, e) => ({ role: String(e.actor?.role) }) },
  isOwnMinistry: { code: "NOT_OWN_MINISTRY", kind: "actor" },
  isSecretariat: { code: "WRONG_ROLE", kind: "actor", params: (_c, e) => ({ role: String(e.actor?.role) }) },
  isApprover: { code: "WRONG_ROLE", kind: "actor", params: (_c, e) => ({ role: String(e.actor?.role) }) },
  notAlreadySigned: { code: "ALREADY_SIGNED", kind: "actor" },
  hasReturnReasons: { code: "REASON_REQUIRED", kind: "payload" },
  hasReason: { code: "REASON_REQUIRED", kind: "payload" },
  planCoSigned: { code: "PLAN_NOT_COSIGNED", kind: "payload" },
  agreedGpusSet: { code: "AGREED_GPUS_MISSING", kind: "payload" },
  meetingAcceptsItems: { code: "MEETING_CLOSED", kind: "payload" },
  notOnLockedAgenda: { code: "AGENDA_LOCKED", kind: "payload" },
  agendaLocked: { code: "AGENDA_NOT_LOCKED", kind: "payload" },
  meetingHeld: { code: "MEETING_NOT_HELD", kind: "payload" },
  sameMeeting: { code: "WRONG_MEETING", kind: "payload" },
  approvedGpusValid: { code: "APPROVED_GPUS_INVALID", kind: "payload" },
  approvedWithinAgreed: {
    code: "APPROVED_OVER_AGREED",
    kind: "payload",
    params: (c, e) => ({ approved: num("approvedGpus" in e ? e.approvedGpus : ""), agreed: num(c.agreedGpus ?? "") }),
  },
  conditionsProvided: { code: "CONDITIONS_REQUIRED", kind: "payload" },
  changesDecision: { code: "DECISION_UNCHANGED", kind: "payload" },
  allConditionsMet: { code: "CONDITIONS_OPEN", kind: "payload" },
  conditionsAreOpen: { code: "NO_OPEN_CONDITIONS", kind: "actor" },
  conditionalAllocationAllowed: { code: "CONDITIONAL_ALLOCATION_OFF", kind: "payload" },
  allocationGpusValid: { code: "GPUS_INVALID", kind: "payload" },
  withinApproved: {
    code: "OVER_APPROVED",
    kind: "payload",
    params: (c, e) => ({
      requested: num("gpus" in e ? e.gpus : ""),
      remaining: (c.approvedGpus ?? 0) - c.allocatedGpus,
      approved: c.approvedGpus ?? 0,
    }),
  },
  releaseGpusValid: { code: "GPUS_INVALID", kind: "payload" },
  releaseWithinAllocated: {
    code: "RELEASE_OVER_ALLOCATED",
    kind: "payload",
    params: (c, e) => ({ requested: num("gpus" in e ? e.gpus : ""), allocated: c.allocatedGpus }),
  },
};

/**
 * The checks every transition for an event type must pass, in the order refusals are reported:
 * role and ministry first, then already-signed, then the payload.
 */
export const EVENT_CHECKS = {
  SUBMIT: ["isMinistryOfficer", "isOwnMinistry"],
  RESUBMIT: ["isMinistryOfficer", "isOwnMinistry"],
  WITHDRAW: ["isMinistryOfficer", "isOwnMinistry", "hasReason", "notOnLockedAgenda"],
  ACCEPT: ["isSecretariat"],
  RETURN: ["isSecretariat", "hasReturnReasons"],
  SCHEDULE: ["isSecretariat", "planCoSigned", "agreedGpusSet", "meetingAcceptsItems", "notOnLockedAgenda"],
  UNSCHEDULE: ["isSecretariat", "hasReason", "notOnLockedAgenda"],
  DECIDE: ["isSecretariat", "sameMeeting", "agendaLocked", "meetingHeld", "approvedGpusValid", "approvedWithinAgreed", "conditionsProvided"],
  AMEND_DECISION: ["isSecretariat", "hasReason", "approvedGpusValid", "approvedWithinAgreed", "conditionsProvided", "changesDecision"],
  SIGN: ["isApprover", "notAlreadySigned"],
  REFUSE_SIGNOFF: ["isApprover", "notAlreadySigned", "hasReason"],
  RECONSIDER: ["isSecretariat", "hasReason", "meetingAcceptsItems"],
  CONDITIONS_MET: ["isSecretariat", "conditionsAreOpen", "allConditionsMet"],
  ALLOCATE: ["isSecretariat", "conditionalAllocationAllowed", "allocationGpusValid", "withinApproved"],
  RELEASE: ["isSecretariat", "releaseGpusValid", "releaseWithinAllocated"],
  START: ["isSecretariat"],
  CLOSE: ["isSecretariat"],
} as const satisfies Record<EventType, readonly CheckGuardName[]>;

/** Runs the checks of `event.type` in order; the first that fails gives the refusal. */
export function firstFailedCheck(context: RequestContext, event: RequestEvent, kinds?: "actor"): Refusal | null {
  for (const name of EVENT_CHECKS[event.type] as readonly CheckGuardName[]) {
    const refusal = CHECK_REFUSALS[name];
    if (kinds && refusal.kind !== kinds) continue;
    if (!CHECK_GUARDS[name](context, event)) {
      const params = refusal.params?.(context, event);
      return params ? { code: refusal.code, params } : { code: refusal.code };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// branch guards: pick the target of an event whose checks passed

/** With this signature added: distinct approvers ≥ quorum, and the chair among them. */
export const quorumReachedWithThis: Guard = (c, e) => {
  if (e.type !== "SIGN") return false;
  const signers = new Set(c.signoffs.map((s) => s.approverId));
  signers.add(e.actor.userId);
  const chair = c.signoffs.some((s) => s.isChair) || e.actor.isChair === true;
  return chair && signers.size >= c.quorum;
};
export const decisionOutcomeIs = (c: RequestContext, outcome: DecisionOutcome) => c.decision?.outcome === outcome;
export const fillsApproved: Guard = (c, e) => e.type === "ALLOCATE" && c.allocatedGpus + e.gpus === c.approvedGpus;
export const releasesAll: Guard = (c, e) => e.type === "RELEASE" && c.allocatedGpus - e.gpus === 0;
