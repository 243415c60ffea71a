/**
 * The approvers' side of a decision: what waits for the caller's signature, and the decision record
 * of a request (with every sign-off and refusal) for the request page. Signing itself is the SIGN /
 * REFUSE_SIGNOFF event through `sendRequestEvent`.
 */
import type { RequestContext } from "#workflows/demand-request.machine";
import type { CurrentUser } from "~/modules/auth/session.server";
import { findVisibleRequest } from "~/modules/requests/requests.server";
import { signoffQuorum } from "~/utils/config.server";
import { db } from "~/utils/db.server";
import { forbidden } from "~/utils/errors";
import { can } from "~/modules/auth/permissions";

async function namesOf(ids: string[]) {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true, isChair: true } });
  return new Map(users.map((u) => [u.id, u]));
}

/** Decisions waiting for this approver's signature, oldest first. */
export async function pendingSignoffs({ user }: { user: CurrentUser }) {
  if (!can(user, "decision:signOff")) throw forbidden();
  const decisions = await db.decision.findMany({
    where: { status: "awaiting", request: { state: "awaitingSignoff" }, signoffs: { none: { approverId: user.id } } },
    orderBy: { createdAt: "asc" },
    include: {
      signoffs: { orderBy: { at: "asc" } },
      meeting: { select: { id: true, number: true, date: true, title: true } },
      request: {
        select: {
          id: true, reference: true, title: true, version: true, gpusRequested: true, sector: true, snapshot: true,
          organization: { select: { code: true, nameKo: true, nameEn: true } },
          plan: { select: { agreedGpus: true } },
        },
      },
    },
  });
  const names = await namesOf(decisions.flatMap((d) => d.signoffs.map((s) => s.approverId)));
  return decisions.map(({ request, signoffs, ...d }) => {
    const { snapshot, organization, plan, ...r } = request;
    const context = (JSON.parse(snapshot) as { context: RequestContext }).context;
    return {
      ...d,
      conditions: context.decision?.conditions ?? [],
      quorum: context.quorum,
      request: { ...r, agreedGpus: plan?.agreedGpus ?? null, ministry: { code: organization.code, name: organization.nameKo, nameEn: organization.nameEn } },
      signoffs: signoffs.map((s) => ({ ...s, approverName: names.get(s.approverId)?.name ?? null })),
    };
  });
}

/** Every decision recorded on a request (latest last), with sign-offs and conditions. */
export async function requestDecisions({ user, requestId }: { user: CurrentUser; requestId: string }) {
  const request = await findVisibleRequest(user, requestId);
  const context = (JSON.parse(request.snapshot) as { context: RequestContext }).context;
  const decisions = await db.decision.findMany({
    where: { requestId },
    orderBy: { createdAt: "asc" },
    include: {
      signoffs: { orderBy: { at: "asc" } },
      meeting: { select: { id: true, number: true, date: true } },
    },
  });
  const names = await namesOf(decisions.flatMap((d) => d.signoffs.map((s) => s.approverId)));
  return {
    quorum: context.quorum ?? signoffQuorum(),
    decisions: decisions.map((d) => ({
      ...d,
      proposedConditions: d.status === "awaiting" ? context.decision?.conditions ?? [] : [],
      signoffs: d.signoffs.map((s) => ({ ...s, approverName: names.get(s.approverId)?.name ?? null })),
    })),
  };
}
