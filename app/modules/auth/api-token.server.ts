import { randomBytes } from "node:crypto";
import { db } from "~/utils/db.server";
import { apiTokenHash, type CurrentUser } from "./session.server";
import { now } from "~/utils/clock";

/** Creates a personal API token; the plain token is returned once and only its hash is kept. */
export async function createApiToken({ user, name }: { user: CurrentUser; name: string }) {
  const token = `axt_${randomBytes(24).toString("base64url")}`;
  const row = await db.apiToken.create({
    data: { name: name.trim().slice(0, 100) || "token", tokenHash: apiTokenHash(token), prefix: token.slice(0, 8), userId: user.id },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { ...row, token };
}

export function listApiTokens({ user }: { user: CurrentUser }) {
  return db.apiToken.findMany({
    where: { userId: user.id, revokedAt: null },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeApiToken({ user, tokenId }: { user: CurrentUser; tokenId: string }) {
  await db.apiToken.updateMany({ where: { id: tokenId, userId: user.id, revokedAt: null }, data: { revokedAt: now() } });
}
