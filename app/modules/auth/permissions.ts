import type { Role } from "#workflows/types";

/**
 * Who may do what: the one role × action table, shared by services, loaders and the navigation
 * (docs/decisions/0008). Two questions are kept apart:
 * - `can(user, action)`: may this role take this kind of action at all?
 * - scope (`ministryScope`, `actsForMinistry`): whose records does it reach? A ministry officer
 *   reaches only their own ministry's records; everyone else reaches all of them.
 * Which workflow event a role may send in which state is the machine's rule (`workflows/guards.ts`);
 * this table covers everything around it. Plain data and pure functions: safe in the browser too.
 */
export const ROLES = ["MINISTRY_OFFICER", "SECRETARIAT", "APPROVER", "ADMIN"] as const satisfies readonly Role[];

const ALL = ROLES;

export const PERMISSIONS = {
  /** see requests (within scope), their history, plan, decisions, conditions and files */
  "request:read": ALL,
  /** file a new request for one's own ministry */
  "request:create": ["MINISTRY_OFFICER"],
  /** edit a draft or a returned request of one's own ministry; add and remove its files */
  "request:edit": ["MINISTRY_OFFICER"],
  /** write in a request's discussion thread (the request's ministry, the secretariat, approvers) */
  "request:comment": ["MINISTRY_OFFICER", "SECRETARIAT", "APPROVER"],
  /** accept or return submissions (the screening queue) */
  "request:screen": ["SECRETARIAT"],
  /** sign the joint plan for the request's ministry (own ministry only) */
  "plan:signForMinistry": ["MINISTRY_OFFICER"],
  /** sign the joint plan for MSIT */
  "plan:signForMsit": ["SECRETARIAT"],
  /** see meetings, agendas, minutes (cross-ministry: hidden from ministry officers) */
  "meeting:read": ["SECRETARIAT", "APPROVER", "ADMIN"],
  /** create meetings, build, order and lock agendas, record decisions, publish minutes */
  "meeting:manage": ["SECRETARIAT"],
  /** sign off or refuse decisions */
  "decision:signOff": ["APPROVER"],
  /** report how a condition was met (own ministry) */
  "condition:report": ["MINISTRY_OFFICER"],
  /** mark a condition met or send its evidence back */
  "condition:review": ["SECRETARIAT"],
  /** see the GPU pool, tranches and the allocation ledger (cross-ministry: hidden from officers) */
  "pool:read": ["SECRETARIAT", "APPROVER", "ADMIN"],
  /** allocate, plan and release GPUs */
  "pool:allocate": ["SECRETARIAT"],
  /** set the pool total and edit tranches */
  "pool:manage": ["ADMIN"],
  /** the dashboard, search and exports (each within the user's scope) */
  "report:read": ALL,
  /** recompute the audit chain */
  "audit:verify": ["SECRETARIAT", "ADMIN"],
  /** read and export the audit log (the audit screen) */
  "audit:read": ["SECRETARIAT", "ADMIN"],
  /** create people, deactivate them, change role, ministry and chair flag, reset passwords */
  "user:manage": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** The part of a user these rules look at (the full `CurrentUser` fits). */
export interface Subject {
  role: Role;
  organization: { id: string };
}

export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function can(user: Pick<Subject, "role">, permission: Permission): boolean {
  return roleCan(user.role, permission);
}

/** Whether the user's records are limited to their own ministry (ministry officers). */
export function isMinistryScoped(user: Pick<Subject, "role">): boolean {
  return user.role === "MINISTRY_OFFICER";
}

/** The where-clause part that keeps a query inside the user's scope. */
export function ministryScope(user: Subject): { organizationId?: string } {
  return isMinistryScoped(user) ? { organizationId: user.organization.id } : {};
}

/** Whether `user` may see records of the ministry `organizationId`. */
export function canSeeMinistry(user: Subject, organizationId: string): boolean {
  return !isMinistryScoped(user) || user.organization.id === organizationId;
}

/** Whether `user` is an officer of the ministry `organizationId` (acts for it: edits, files, signs). */
export function actsForMinistry(user: Subject, organizationId: string): boolean {
  return isMinistryScoped(user) && user.organization.id === organizationId;
}
