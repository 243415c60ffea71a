/**
 * People (issue 15, API.md "users"; ADMIN): create, change role, ministry and chair flag, deactivate
 * (sessions and tokens revoked in the same transaction), reset a password to a one-time password that
 * must be changed at the next sign-in. At least one active chair and one active administrator always
 * remain. Every change is one transaction with its audit event.
 */
import { randomInt } from "node:crypto";
import type { Role } from "#workflows/types";
import { db, type Tx } from "~/utils/db.server";
import { now } from "~/utils/clock";
import { AppError, forbidden, notFound } from "~/utils/errors";
import { appendAuditEvent } from "~/modules/audit/audit.server";
import { fieldChanges } from "~/modules/audit/payloads";
import { can } from "~/modules/auth/permissions";
import { hashPassword, verifyPassword } from "~/modules/auth/password.server";
import type { CurrentUser } from "~/modules/auth/session.server";

const userView = {
  id: true,
  email: true,
  name: true,
  role: true,
  isChair: true,
  active: true,
  mustChangePassword: true,
  createdAt: true,
  organization: { select: { code: true, nameKo: true, nameEn: true, kind: true } },
} as const;

function requireAdmin(user: CurrentUser) {
  if (!can(user, "user:manage")) throw forbidden();
}

/** 14 characters from an alphabet without look-alikes (≈ 80 bits). */
export function oneTimePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  return Array.from({ length: 14 }, () => alphabet[randomInt(alphabet.length)]).join("");
}

export async function listUsers({ user }: { user: CurrentUser }) {
  requireAdmin(user);
  return db.user.findMany({ select: userView, orderBy: [{ organization: { code: "asc" } }, { email: "asc" }] });
}

export async function listOrganizations() {
  return db.organization.findMany({ select: { code: true, nameKo: true, nameEn: true, kind: true }, orderBy: { code: "asc" } });
}

async function organizationFor(tx: Tx, code: string) {
  const org = await tx.organization.findUnique({ where: { code } });
  if (!org) throw new AppError("VALIDATION_FAILED", 422, "notify.users.unknownOrganization", undefined, { fields: { organizationCode: "unknown" } });
  return org;
}

function checkShape(role: string, orgKind: string, isChair: boolean) {
  if (isChair && role !== "APPROVER") throw new AppError("VALIDATION_FAILED", 422, "notify.users.chairMustBeApprover");
  if (role === "MINISTRY_OFFICER" && orgKind !== "MINISTRY") throw new AppError("VALIDATION_FAILED", 422, "notify.users.officerNeedsMinistry");
}

/** After a change, inside its transaction: at least one active chair and one active admin. */
async function checkInvariants(tx: Tx) {
  if ((await tx.user.count({ where: { active: true, role: "APPROVER", isChair: true } })) === 0) throw new AppError("CONFLICT", 409, "notify.users.lastChair");
  if ((await tx.user.count({ where: { active: true, role: "ADMIN" } })) === 0) throw new AppError("CONFLICT", 409, "notify.users.lastAdmin");
}

async function revokeAccess(tx: Tx, userId: string) {
  const at = now();
  const sessions = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
  const tokens = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
  return { sessionsRevoked: sessions.count, tokensRevoked: tokens.count };
}

export type NewUser = { email: string; name: string; role: Role; organizationCode: string; isChair?: boolean };

export async function createUser({ user, input }: { user: CurrentUser; input: NewUser }) {
  requireAdmin(user);
  const email = input.email.trim().toLowerCase();
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const org = await organizationFor(tx, input.organizationCode);
    checkShape(input.role, org.kind, input.isChair ?? false);
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw new AppError("CONFLICT", 409, "notify.users.emailTaken");
    const created = await tx.user.create({
      data: {
        email,
        name: input.name.trim(),
        role: input.role,
        isChair: input.isChair ?? false,
        organizationId: org.id,
        passwordHash,
        mustChangePassword: true,
      },
      select: userView,
    });
    await appendAuditEvent(tx, {
      actorId: user.id,
      type: "USER_CREATED",
      payload: { userId: created.id, email, name: created.name, role: created.role, organizationCode: org.code, isChair: created.isChair },
    });
    return { ...created, oneTimePassword: password };
  });
}

export async function updateUser({
  user,
  userId,
  input,
}: {
  user: CurrentUser;
  userId: string;
  input: { role?: Role; organizationCode?: string; isChair?: boolean; active?: boolean; resetPassword?: true };
}) {
  requireAdmin(user);
  const password = input.resetPassword ? oneTimePassword() : null;
  const passwordHash = password ? await hashPassword(password) : null;
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, include: { organization: true } });
    if (!before) throw notFound();
    const org = input.organizationCode ? await organizationFor(tx, input.organizationCode) : before.organization;
    const after = {
      role: input.role ?? before.role,
      organizationCode: org.code,
      isChair: input.isChair ?? before.isChair,
      active: input.active ?? before.active,
    };
    checkShape(after.role, org.kind, after.isChair);
    await tx.user.update({
      where: { id: userId },
      data: {
        role: after.role,
        organizationId: org.id,
        isChair: after.isChair,
        active: after.active,
        ...(passwordHash ? { passwordHash, mustChangePassword: true } : {}),
      },
    });
    await checkInvariants(tx);
    const changes = fieldChanges({ role: before.role, organizationCode: before.organization.code, isChair: before.isChair, active: before.active }, after);
    // deactivated, or given a new password: every open session and token ends now
    const revoked = (before.active && !after.active) || passwordHash ? await revokeAccess(tx, userId) : undefined;
    await appendAuditEvent(tx, {
      actorId: user.id,
      type: passwordHash ? "USER_PASSWORD_RESET" : "USER_UPDATED",
      payload: { userId, email: before.email, changes, ...(revoked ?? {}) },
    });
    const row = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: userView });
    return { ...row, ...(password ? { oneTimePassword: password } : {}) };
  });
}

/** The signed-in user's own password change (required after an admin's reset). */
export async function changeOwnPassword({ user, current, next }: { user: CurrentUser; current: string; next: string }) {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(current, row.passwordHash))) throw new AppError("VALIDATION_FAILED", 422, "notify.password.wrongCurrent");
  if (current === next) throw new AppError("VALIDATION_FAILED", 422, "notify.password.sameAsOld");
  const passwordHash = await hashPassword(next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await appendAuditEvent(tx, { actorId: user.id, type: "PASSWORD_CHANGED", payload: { userId: user.id } });
  });
}
