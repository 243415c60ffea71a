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
import { memoUntilWrite } from "~/utils/lean-read.server";
import { distinctIds, groupedBy, whenAny } from "~/utils/distinct";
import { forbidden, notFound } from "~/utils/errors";
import { can } from "~/modules/auth/permissions";

async function namesOf(ids: string[]) {
  const users = await whenAny(distinctIds(ids), (some) => db.user.findMany({ where: { id: { in: some } }, select: { id: true, name: true, isChair: true } }));
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
          id: true,
          reference: true,
          title: true,
          version: true,
          gpusRequested: true,
          sector: true,
          snapshot: true,
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

/**
 * Every decision recorded on a request (latest last), with sign-offs, conditions and the 의안번호 of the
 * item it decided. An amended version stays in the list (status `amended`) beside the one that replaced it.
 */
export async function requestDecisions({ user, requestId }: { user: CurrentUser; requestId: string }) {
  const request = await findVisibleRequest(user, requestId);
  // the same for every reader who may see the request: kept until the next commit (ADR 0029)
  return memoUntilWrite(`decisions|${requestId}`, "", () => readDecisions(request, requestId));
}

async function readDecisions(request: { snapshot: string }, requestId: string) {
  const context = (JSON.parse(request.snapshot) as { context: RequestContext }).context;
  const decisions = await db.decision.findMany({ where: { requestId }, orderBy: { createdAt: "asc" } });
  // the related rows in queries of their own, only when there are decisions (not includes: see groupedBy)
  const ids = decisions.map((d) => d.id);
  const [signoffs, conditions, meetings, items] = await Promise.all([
    whenAny(ids, (some) => db.signoff.findMany({ where: { decisionId: { in: some } }, orderBy: { at: "asc" } })),
    whenAny(ids, (some) =>
      db.condition.findMany({
        where: { decisionId: { in: some } },
        orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
        select: { text: true, dueOn: true, decisionId: true },
      }),
    ),
    whenAny(distinctIds(decisions.map((d) => d.meetingId)), (some) =>
      db.meeting.findMany({ where: { id: { in: some } }, select: { id: true, number: true, date: true } }),
    ),
    whenAny(ids, () => db.agendaItem.findMany({ where: { requestId }, select: { meetingId: true, number: true } })),
  ]);
  const names = await namesOf(signoffs.map((s) => s.approverId));
  const numbers = new Map(items.map((i) => [i.meetingId, i.number]));
  const meetingOf = new Map(meetings.map((m) => [m.id, m]));
  const signoffsOf = groupedBy(signoffs, (s) => s.decisionId);
  const conditionsOf = groupedBy(conditions, (c) => c.decisionId);
  return {
    quorum: context.quorum ?? signoffQuorum(),
    decisions: decisions.map((d) => ({
      ...d,
      meeting: meetingOf.get(d.meetingId)!,
      agendaNumber: numbers.get(d.meetingId) ?? null,
      // conditions are rows once the decision took effect; before that they are in the machine's context
      proposedConditions:
        d.status === "awaiting" ? (context.decision?.conditions ?? []) : (conditionsOf.get(d.id) ?? []).map(({ text, dueOn }) => ({ text, dueOn })),
      signoffs: (signoffsOf.get(d.id) ?? []).map((s) => ({ ...s, approverName: names.get(s.approverId)?.name ?? null })),
    })),
  };
}

/**
 * The decision notice (결정 통지) of a request: the decision in force — the latest that took effect —
 * with its meeting, 의안번호, conditions and sign-offs, and whether it replaced an earlier one on
 * reconsideration. 404 when no decision has taken effect (or the caller may not see the request).
 */
export async function decisionNotice({ user, requestId }: { user: CurrentUser; requestId: string }) {
  const request = await findVisibleRequest(user, requestId);
  const { decisions, quorum } = await requestDecisions({ user, requestId });
  const inForce = decisions.filter((d) => d.status === "effective").at(-1);
  if (!inForce) throw notFound();
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: inForce.meetingId },
    select: { number: true, title: true, date: true, startTime: true, place: true },
  });
  return {
    request: {
      id: request.id,
      reference: request.reference,
      title: request.title,
      state: request.state,
      ministry: { code: request.organization.code, name: request.organization.nameKo, nameEn: request.organization.nameEn },
    },
    meeting,
    decision: inForce,
    replacesEarlier: decisions.some((d) => d.status === "superseded"),
    quorum,
  };
}
