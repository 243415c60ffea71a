/** The kinds of notification (issue 15). Plain data: safe in the browser (the preferences page). */
export const NOTIFICATION_KINDS = [
  "submitted",
  "returned",
  "accepted",
  "planEdited",
  "planSigned",
  "scheduled",
  "meetingChanged",
  "meetingCancelled",
  "decided",
  "signoffRequested",
  "decisionEffective",
  "conditionDue",
  "conditionOverdue",
  "gpusAllocated",
  "gpusReleased",
  "comment",
  "overdueDigest",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

/** Where a notification leads: the request, else the meeting, else the inbox. */
export function notificationPath(n: { requestId: string | null; meetingId: string | null; kind: string }): string {
  if (n.requestId) return `/requests/${n.requestId}`;
  if (n.meetingId) return `/meetings/${n.meetingId}`;
  return "/";
}
