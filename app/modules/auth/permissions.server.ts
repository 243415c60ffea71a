import type { RouterContextProvider } from "react-router";
import { forbidden } from "~/utils/errors";
import { can, type Permission } from "./permissions";
import { requireUser, type CurrentUser } from "./session.server";

/**
 * The signed-in user if their role has `permission` (app/modules/auth/permissions.ts). Otherwise 403:
 * a contract error for the API, the 403 page for pages (thrown as a response, so it never escapes a
 * loader as a 500).
 */
export async function requirePermission(request: Request, permission: Permission, context: Readonly<RouterContextProvider>): Promise<CurrentUser> {
  const user = await requireUser(request, context);
  if (can(user, permission)) return user;
  if (new URL(request.url).pathname.startsWith("/api/")) throw forbidden();
  throw new Response("Forbidden", { status: 403, statusText: "FORBIDDEN" });
}
