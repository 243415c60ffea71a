import { ministryScope } from "~/modules/auth/scope.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { db } from "~/utils/db.server";

/** States that need this role's action (derived from request state; no second source of truth). */
const ACTION_STATES: Record<CurrentUser["role"], string[]> = {
  MINISTRY_OFFICER: ["draft", "revision"],
  SECRETARIAT: ["screening"],
  APPROVER: ["awaitingSignoff"],
  ADMIN: [],
};

export async function inboxFor(user: CurrentUser) {
  const states = ACTION_STATES[user.role];
  if (states.length === 0) return [];
  const groups = await db.demandRequest.groupBy({
    by: ["state"],
    where: { ...ministryScope(user), state: { in: states } },
    _count: { _all: true },
  });
  return states.map((state) => ({ state, count: groups.find((g) => g.state === state)?._count._all ?? 0 })).filter((g) => g.count > 0);
}
