import { randomBytes } from "node:crypto";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { now } from "~/utils/clock";
import { recordAccessEvent } from "./auth-events.server";
import { apiTokenHash, type CurrentUser } from "./session.server";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The plain token of an `Authorization: Bearer` header, or null. */
export function bearerToken(request: Request): string | null {
  const auth = request.headers.get("Authorization");
  return auth?.startsWith("Bearer ") ? auth.slice(7).trim() : null;
}

/**
 * Tokens are managed only from a signed-in session: a token cannot mint, list or revoke tokens, so a
 * leaked token can never outlive its own revocation or expiry through a child it made.
 */
export function refuseTokenAuthenticated(request: Request): void {
  if (bearerToken(request) !== null) throw new AppError("FORBIDDEN", 403, "error.tokenCannotManageTokens");
}

/** Creates a personal API token; the plain token is returned once and only its hash is kept. */
export async function createApiToken({ user, name, expiresInDays }: { user: CurrentUser; name: string; expiresInDays: number }) {
  const token = `axt_${randomBytes(24).toString("base64url")}`;
  const expiresAt = new Date(now().getTime() + expiresInDays * DAY_MS);
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { name, tokenHash: apiTokenHash(token), prefix: token.slice(0, 8), userId: user.id, expiresAt },
      select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true },
    });
    await recordAccessEvent(
      { type: "TOKEN_CREATED", actorId: user.id, payload: { tokenId: row.id, name, prefix: row.prefix, expiresAt: expiresAt.toISOString() } },
      tx,
    );
    return { ...row, token };
  });
}

/** The caller's live tokens (never the secret). */
export function listApiTokens({ user }: { user: CurrentUser }) {
  return db.apiToken.findMany({
    where: { userId: user.id, revokedAt: null, expiresAt: { gt: now() } },
    select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true, lastUsedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

async function revoke(where: { id: string; userId: string } | { tokenHash: string }, actorId: string | null, reason: "revoked" | "signOut") {
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { ...where, revokedAt: null }, select: { id: true, userId: true, prefix: true } });
    if (!token) return;
    const { count } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: now() } });
    if (count === 1)
      await recordAccessEvent({ type: "TOKEN_REVOKED", actorId: actorId ?? token.userId, payload: { tokenId: token.id, prefix: token.prefix, reason } }, tx);
  });
}

/** Revokes one of the caller's own tokens (another user's token id changes nothing). */
export async function revokeApiToken({ user, tokenId }: { user: CurrentUser; tokenId: string }) {
  await revoke({ id: tokenId, userId: user.id }, user.id, "revoked");
}

/** `DELETE /api/v1/session` called with a token: that token ends, like a session on sign-out. */
export async function signOutApiToken(request: Request): Promise<boolean> {
  const token = bearerToken(request);
  if (token === null) return false;
  await revoke({ tokenHash: apiTokenHash(token) }, null, "signOut");
  return true;
}
