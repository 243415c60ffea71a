import { createHash, createHmac, randomBytes } from "node:crypto";
import { createCookie, redirect } from "react-router";
import type { Role } from "#workflows/types";
import { isProduction, sessionSecret } from "~/utils/config.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { burnPasswordCheck, verifyPassword } from "./password.server";
import { accountLimiter, clientLimiter } from "./rate-limit.server";
import { now, now as clockNow } from "~/utils/clock";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const LAST_USED_RESOLUTION_MS = 60_000;

export const sessionCookie = createCookie("ax_session", {
  httpOnly: true,
  sameSite: "lax",
  secure: isProduction,
  path: "/",
  maxAge: SESSION_TTL_MS / 1000,
});

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  isChair: boolean;
  organization: { id: string; code: string; nameKo: string; nameEn: string; kind: string };
}

/** Session ids are random; the database keeps only an HMAC of them (a leaked table can't sign in). */
function sessionTokenHash(token: string): string {
  return createHmac("sha256", sessionSecret()).update(token).digest("hex");
}

export function apiTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  isChair: true,
  active: true,
  organization: { select: { id: true, code: true, nameKo: true, nameEn: true, kind: true } },
} as const;

function toCurrentUser(u: {
  id: string;
  email: string;
  name: string;
  role: string;
  isChair: boolean;
  organization: CurrentUser["organization"];
}): CurrentUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role as Role, isChair: u.isChair, organization: u.organization };
}

/**
 * Checks credentials and opens a server-side session. Unknown email and wrong password fail the
 * same way (401, same message, same time); 5 failures per account or 20 per client in 15 minutes → 429.
 */
export async function signIn({ email, password, clientKey }: { email: string; password: string; clientKey: string }) {
  const accountKey = email.trim().toLowerCase();
  const wait = Math.max(accountLimiter.retryAfterMs(accountKey), clientLimiter.retryAfterMs(clientKey));
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60_000);
    throw new AppError("RATE_LIMITED", 429, "auth.rateLimited", { minutes }, { retryAfterSeconds: Math.ceil(wait / 1000) });
  }
  const user = await db.user.findUnique({ where: { email: accountKey }, select: { ...userSelect, passwordHash: true } });
  const ok = user && user.active ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
  if (!user || !ok) {
    accountLimiter.fail(accountKey);
    clientLimiter.fail(clientKey);
    throw new AppError("UNAUTHORIZED", 401, "auth.invalid");
  }
  accountLimiter.reset(accountKey);
  const token = randomBytes(32).toString("base64url");
  await db.session.create({
    data: { tokenHash: sessionTokenHash(token), userId: user.id, expiresAt: new Date(now().getTime() + SESSION_TTL_MS) },
  });
  return { user: toCurrentUser(user), setCookie: await sessionCookie.serialize(token) };
}

async function sessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The signed-in user from a Bearer token or the session cookie, or null. */
export async function getUser(request: Request): Promise<CurrentUser | null> {
  const auth = request.headers.get("Authorization");
  if (auth?.startsWith("Bearer ")) {
    const token = await db.apiToken.findUnique({
      where: { tokenHash: apiTokenHash(auth.slice(7).trim()) },
      select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: userSelect } },
    });
    if (!token || token.revokedAt || !token.user.active) return null;
    // "last used" to the minute is enough: don't turn every API read into a database write
    const now = clockNow();
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await db.apiToken.updateMany({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    return toCurrentUser(token.user);
  }
  const token = await sessionToken(request);
  if (!token) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: sessionTokenHash(token) },
    select: { expiresAt: true, revokedAt: true, user: { select: userSelect } },
  });
  if (!session || session.revokedAt || session.expiresAt < now() || !session.user.active) return null;
  return toCurrentUser(session.user);
}

/** Revokes the caller's server-side session; returns the Set-Cookie header that clears the cookie. */
export async function signOut(request: Request): Promise<string> {
  const token = await sessionToken(request);
  if (token) {
    await db.session.updateMany({
      where: { tokenHash: sessionTokenHash(token), revokedAt: null },
      data: { revokedAt: now() },
    });
  }
  return sessionCookie.serialize("", { maxAge: 0 });
}

function isApi(request: Request): boolean {
  return new URL(request.url).pathname.startsWith("/api/");
}

/** The signed-in user; pages redirect to the login page, the API answers 401. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getUser(request);
  if (user) return user;
  if (isApi(request)) throw new AppError("UNAUTHORIZED", 401, "error.unauthorized");
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}
