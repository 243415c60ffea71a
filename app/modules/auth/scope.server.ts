import type { CurrentUser } from "./session.server";

/**
 * The one place that says which ministry data a user may see. A ministry officer sees only their
 * own ministry's records; the secretariat, approvers and the administrator see all.
 * Every query on ministry data (requests, attachments, plans, allocations) goes through this.
 */
export function ministryScope(user: Pick<CurrentUser, "role" | "organization">): { organizationId?: string } {
  return user.role === "MINISTRY_OFFICER" ? { organizationId: user.organization.id } : {};
}

/** Whether `user` may see data of the ministry `organizationId`. */
export function canSeeMinistry(user: Pick<CurrentUser, "role" | "organization">, organizationId: string): boolean {
  const scope = ministryScope(user);
  return scope.organizationId === undefined || scope.organizationId === organizationId;
}
