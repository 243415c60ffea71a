import type { Route } from "./+types/users";
import { requirePermission } from "~/modules/auth/permissions.server";
import { createUser, listUsers } from "~/modules/users/users.server";
import { createUserSchema } from "~/modules/users/users.schema";
import { allowMethods, handleApi, json, parseBody, readJson } from "~/utils/api.server";

/** GET /api/v1/users (ADMIN) → { items }. */
export async function loader({ request, context }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requirePermission(request, "user:manage", context);
    return json({ items: await listUsers({ user }) });
  });
}

/** POST { email, name, role, organizationCode, isChair? } (ADMIN) → 201 { id, …, oneTimePassword } (shown once). */
export async function action({ request, context }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requirePermission(request, "user:manage", context);
    const input = parseBody(createUserSchema, await readJson(request));
    return json(await createUser({ user, input }), 201);
  });
}
