import type { Route } from "./+types/user";
import { requirePermission } from "~/modules/auth/permissions.server";
import { updateUser } from "~/modules/users/users.server";
import { updateUserSchema } from "~/modules/users/users.schema";
import { allowMethods, handleApi, json, parseBody, readJson } from "~/utils/api.server";

/**
 * PATCH /api/v1/users/:id { role?, organizationCode?, isChair?, active?, resetPassword? } (ADMIN).
 * `active: false` ends the user's sessions and tokens at once; the last active chair or admin → 409.
 */
export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "PATCH");
    const user = await requirePermission(request, "user:manage", context);
    const input = parseBody(updateUserSchema, await readJson(request));
    return json(await updateUser({ user, userId: params.id, input }));
  });
}
