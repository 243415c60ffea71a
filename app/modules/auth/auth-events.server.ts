import { appendAuditEvent } from "~/modules/audit/audit.server";
import { db, type Tx } from "~/utils/db.server";

/**
 * Who came in and went out, and who read what: audit events without a state change. The payload never
 * holds a password or a token, only the email as typed (normalized) and the client address.
 */
export type AccessEventType = "LOGIN" | "LOGIN_FAILED" | "LOGOUT" | "TOKEN_CREATED" | "TOKEN_REVOKED" | "ATTACHMENT_DOWNLOADED";

/** Access events stay out of a request's workflow history (they are read through the audit log). */
export const ACCESS_EVENT_TYPES: AccessEventType[] = ["LOGIN", "LOGIN_FAILED", "LOGOUT", "TOKEN_CREATED", "TOKEN_REVOKED", "ATTACHMENT_DOWNLOADED"];

export interface AccessEvent {
  type: AccessEventType;
  actorId: string | null;
  requestId?: string | null;
  payload: Record<string, unknown>;
}

/** Appends the event inside `tx`, or in a transaction of its own. */
export async function recordAccessEvent(event: AccessEvent, tx?: Tx): Promise<void> {
  const write = (t: Tx) => appendAuditEvent(t, { requestId: event.requestId ?? null, actorId: event.actorId, type: event.type, payload: event.payload });
  if (tx) await write(tx);
  else await db.$transaction(write);
}
