import { db } from "~/utils/db.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { NOTIFICATION_KINDS, type NotificationKind } from "./kinds";

/** E-mail on/off per kind for the user (a kind without a row is on). */
export async function emailPreferences(user: Pick<CurrentUser, "id">): Promise<Record<NotificationKind, boolean>> {
  const rows = await db.notificationPreference.findMany({ where: { userId: user.id } });
  const off = new Set(rows.filter((r) => !r.email).map((r) => r.kind));
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, !off.has(k)])) as Record<NotificationKind, boolean>;
}

/** Stores the user's choice for every kind (the kinds in `on` get e-mail, the others not). */
export async function saveEmailPreferences(user: Pick<CurrentUser, "id">, on: ReadonlySet<string>): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const kind of NOTIFICATION_KINDS) {
      const email = on.has(kind);
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId: user.id, kind } },
        create: { userId: user.id, kind, email },
        update: { email },
      });
    }
  });
}
