import { forbidden } from "~/utils/errors";
import { can, type Permission } from "./permissions";
import { requireUser, type CurrentUser } from "./session.server";

/** The signed-in user if their role has `permission` (app/modules/auth/permissions.ts); otherwise 403. */
export async function requirePermission(request: Request, permission: Permission): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!can(user, permission)) throw forbidden();
  return user;
}
