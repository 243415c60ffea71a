import { createHash, createHmac, randomBytes } from "node:crypto";
import { createCookie, redirect, type MiddlewareFunction, type RouterContextProvider } from "react-router";
import type { Role } from "#workflows/types";
import { secureCookies, sessionSecret } from "~/utils/config.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { burnPasswordCheck, verifyPassword } from "./password.server";
import { recordAccessEvent } from "./auth-events.server";
import { loginThrottle } from "./rate-limit.server";
import { now, now as clockNow } from "~/utils/clock";
import { requestUrlContext, userContext } from "~/utils/request-context.server";
import { leanDate, leanGet, memoUntilWrite } from "~/utils/lean-read.server";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const LAST_USED_RESOLUTION_MS = 60_000;

export const sessionCookie = createCookie("ax_session", {
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies,
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
  /** set after an admin's password reset: only the password change page (and signing out) is open */
  mustChangePassword?: true;
}

/**
 * Session ids are random; the database keeps only an HMAC of them (a leaked table can't sign in). Every
 * signed-in page asks for it (~25 µs, mostly making the HMAC object): the hashes of the sessions in use
 * are kept by token and secret, 10,000 of them, then all forgotten.
 */
const tokenHashes = new Map<string, string>();
let tokenHashesSecret: string | null = null;
function sessionTokenHash(token: string): string {
  const secret = sessionSecret();
  if (secret !== tokenHashesSecret || tokenHashes.size >= 10_000) {
    tokenHashes.clear();
    tokenHashesSecret = secret;
  }
  let hash = tokenHashes.get(token);
  if (hash === undefined) tokenHashes.set(token, (hash = createHmac("sha256", secret).update(token).digest("hex")));
  return hash;
}

export function apiTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  isChair: true,
  active: true,
  mustChangePassword: true,
  organization: { select: { id: true, code: true, nameKo: true, nameEn: true, kind: true } },
} as const;

export function toCurrentUser(u: {
  id: string;
  email: string;
  name: string;
  role: string;
  isChair: boolean;
  mustChangePassword?: boolean;
  organization: CurrentUser["organization"];
}): CurrentUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as Role,
    isChair: u.isChair,
    organization: u.organization,
    ...(u.mustChangePassword ? { mustChangePassword: true as const } : {}),
  };
}

function rateLimited(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const retry = { retryAfterSeconds: seconds };
  return seconds < 120
    ? new AppError("RATE_LIMITED", 429, "auth.rateLimitedSeconds", { seconds }, retry)
    : new AppError("RATE_LIMITED", 429, "auth.rateLimited", { minutes: Math.ceil(seconds / 60) }, retry);
}

/**
 * Checks credentials and opens a server-side session. Unknown email and wrong password fail the
 * same way (401, same message, same time). The attempt is reserved in the sign-in throttle before
 * the password is checked (per account and client: 5 attempts, then a doubling wait → 429 with
 * Retry-After; docs/decisions/0009). Sign-ins and failed sign-ins are audit events.
 */
export async function signIn({ email, password, clientKey }: { email: string; password: string; clientKey: string }) {
  const accountKey = email.trim().toLowerCase();
  const wait = await loginThrottle.reserve(accountKey, clientKey);
  if (wait > 0) throw rateLimited(wait);
  let user: CurrentUser | null = null;
  try {
    const found = await db.user.findUnique({ where: { email: accountKey }, select: { ...userSelect, passwordHash: true } });
    const ok = found && found.active ? await verifyPassword(password, found.passwordHash) : (await burnPasswordCheck(password), false);
    if (found && ok) user = toCurrentUser(found);
  } finally {
    if (!user) await loginThrottle.failed(accountKey, clientKey); // a check that threw counts as failed
  }
  if (!user) {
    await recordAccessEvent({ type: "LOGIN_FAILED", actorId: null, payload: { email: accountKey, client: clientKey } });
    throw new AppError("UNAUTHORIZED", 401, "auth.invalid");
  }
  await loginThrottle.succeeded(accountKey, clientKey);
  const token = randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    const session = await tx.session.create({
      data: { tokenHash: sessionTokenHash(token), userId: user.id, expiresAt: new Date(now().getTime() + SESSION_TTL_MS) },
    });
    await recordAccessEvent({ type: "LOGIN", actorId: user.id, payload: { sessionId: session.id, client: clientKey } }, tx);
  });
  return { user, setCookie: await sessionCookie.serialize(token) };
}

/**
 * Session cookies that verified, by their signed value, and the token each holds: checking the cookie's
 * signature costs Web Crypto's HMAC on every page (issue 11), and its answer depends only on the value
 * and the secret. Only values that verified are kept (no one can make a new one without the secret), at
 * most VERIFIED_COOKIES_LIMIT, the oldest going first. Keyed by the session cookie alone, not the whole
 * header: other cookies a client adds cannot grow it.
 */
const verifiedCookies = new Map<string, string>();
const VERIFIED_COOKIES_LIMIT = 10_000;
/** The session cookie's value as sent (the first one, as the cookie parser takes it). */
const SIGNED_SESSION = new RegExp(`(?:^|;)\\s*${sessionCookie.name}=([^;]*)`);

async function sessionToken(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const signed = SIGNED_SESSION.exec(header)?.[1];
  const known = signed === undefined ? undefined : verifiedCookies.get(signed);
  if (known) return known;
  const value = await sessionCookie.parse(header);
  if (typeof value !== "string" || value.length === 0) return null;
  if (signed !== undefined) {
    if (verifiedCookies.size >= VERIFIED_COOKIES_LIMIT) verifiedCookies.delete(verifiedCookies.keys().next().value!);
    verifiedCookies.set(signed, value);
  }
  return value;
}

/** Tests: how many verified session cookies are kept. */
export function verifiedCookieCount(): number {
  return verifiedCookies.size;
}

/**
 * Users resolved per request: the root middleware resolves the user once (ADR 0019) and every loader,
 * action and `requireUser`/`requirePermission` of the same request reuses the answer.
 */
const resolvedUsers = new WeakMap<Request, Promise<CurrentUser | null>>();

/** The signed-in user from a Bearer token or the session cookie, or null (resolved once per request). */
export function getUser(request: Request): Promise<CurrentUser | null> {
  let user = resolvedUsers.get(request);
  if (!user) resolvedUsers.set(request, (user = resolveUser(request)));
  return user;
}

/** Root middleware: the user of this request, once, into the request context (`userContext`), and its address (`requestUrlContext`). */
export const resolveUserMiddleware: MiddlewareFunction<Response> = async ({ request, context, url }, next) => {
  context.set(requestUrlContext, url);
  context.set(userContext, await getUser(request));
  return next();
};

async function resolveUser(request: Request): Promise<CurrentUser | null> {
  const auth = request.headers.get("Authorization");
  if (auth?.startsWith("Bearer ")) {
    const token = await db.apiToken.findUnique({
      where: { tokenHash: apiTokenHash(auth.slice(7).trim()) },
      select: { id: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: userSelect } },
    });
    // a token without an expiry was made before tokens expired: it counts as expired
    if (!token || token.revokedAt || !token.expiresAt || token.expiresAt <= clockNow() || !token.user.active) return null;
    // "last used" to the minute is enough: don't turn every API read into a database write
    const now = clockNow();
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await db.apiToken.updateMany({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    return toCurrentUser(token.user);
  }
  const token = await sessionToken(request);
  if (!token) return null;
  // every signed-in page asks this: the lean read path (ADR 0025), one indexed join, kept until the next
  // commit (a sign-out, a revocation or a deactivation is a commit), in a space of its own; the expiry is
  // checked on every use
  const tokenHash = sessionTokenHash(token);
  const row = await memoUntilWrite(`session|${tokenHash}`, "", () => leanGet<SessionRow>(SESSION_USER_SQL, [tokenHash]), "sessions");
  if (!row || row.revokedAt !== null || leanDate(row.expiresAt)! < now() || !row.active) return null;
  return toCurrentUser({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    isChair: !!row.isChair,
    mustChangePassword: !!row.mustChangePassword,
    organization: { id: row.orgId, code: row.orgCode, nameKo: row.orgNameKo, nameEn: row.orgNameEn, kind: row.orgKind },
  });
}

interface SessionRow {
  expiresAt: string | number | Date;
  revokedAt: string | number | Date | null;
  id: string;
  email: string;
  name: string;
  role: string;
  isChair: number | boolean;
  active: number | boolean;
  mustChangePassword: number | boolean;
  orgId: string;
  orgCode: string;
  orgNameKo: string;
  orgNameEn: string;
  orgKind: string;
}

/** The session's user and organization (the fields of `userSelect`), by the token's HMAC. Portable SQL. */
const SESSION_USER_SQL = `SELECT s."expiresAt", s."revokedAt", u."id", u."email", u."name", u."role", u."isChair", u."active",
  u."mustChangePassword", o."id" AS "orgId", o."code" AS "orgCode", o."nameKo" AS "orgNameKo", o."nameEn" AS "orgNameEn", o."kind" AS "orgKind"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId" JOIN "Organization" o ON o."id" = u."organizationId"
  WHERE s."tokenHash" = ?`;

/** Revokes the caller's server-side session (an audit event); returns the Set-Cookie header that clears the cookie. */
export async function signOut(request: Request, { clientKey }: { clientKey?: string } = {}): Promise<string> {
  const token = await sessionToken(request);
  if (token) {
    await db.$transaction(async (tx) => {
      const session = await tx.session.findUnique({ where: { tokenHash: sessionTokenHash(token) }, select: { id: true, userId: true, revokedAt: true } });
      if (!session || session.revokedAt) return;
      const { count } = await tx.session.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: now() } });
      if (count === 1)
        await recordAccessEvent(
          { type: "LOGOUT", actorId: session.userId, payload: { sessionId: session.id, ...(clientKey ? { client: clientKey } : {}) } },
          tx,
        );
    });
  }
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** What a user who must change a one-time password may still open (issue 15). */
const PASSWORD_CHANGE_PATHS = ["/account/password", "/logout", "/api/v1/session"];

function isApi(request: Request): boolean {
  return new URL(request.url).pathname.startsWith("/api/");
}

/**
 * The user the root middleware resolved for this request, or null: what loaders and actions read (the
 * context is the request's own, whichever Request object a handler is given).
 */
export function signedInUser(context: Readonly<RouterContextProvider>): CurrentUser | null {
  return context.get(userContext);
}

/** The signed-in user; pages redirect to the login page, the API answers 401. */
export async function requireUser(request: Request, context: Readonly<RouterContextProvider>): Promise<CurrentUser> {
  const user = signedInUser(context);
  if (user?.mustChangePassword && !PASSWORD_CHANGE_PATHS.some((p) => new URL(request.url).pathname.startsWith(p))) {
    if (isApi(request)) throw new AppError("FORBIDDEN", 403, "notify.password.required");
    throw redirect("/account/password");
  }
  if (user) return user;
  if (isApi(request)) throw new AppError("UNAUTHORIZED", 401, "error.unauthorized");
  // back to the page asked for: its address as the app sees it (a client navigation's raw request asks
  // for `….data?_routes=…`)
  const url = context.get(requestUrlContext) ?? new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}
