import type { Route } from "./+types/tranches-pool";
import { requireUser } from "~/modules/auth/session.server";
import { updatePoolSchema } from "~/modules/pool/pool.schema";
import { getPool, setPoolTotal } from "~/modules/pool/tranches.server";
import { handleApi, json, parseBody, readJson } from "~/utils/api.server";
import { AppError } from "~/utils/errors";

/** GET /api/v1/pool → `{ totalGpus, inTranches, unscheduled }`. */
export async function loader({ request, context }: Route.LoaderArgs) {
  return handleApi(request, async () => json(await getPool({ user: await requireUser(request, context) })));
}

/** PUT /api/v1/pool `{ totalGpus, expectedTotalGpus? }` (ADMIN). */
export async function action({ request, context }: Route.ActionArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    if (request.method !== "PUT") throw new AppError("BAD_REQUEST", 405, "error.methodNotAllowed");
    const input = parseBody(updatePoolSchema, await readJson(request));
    await setPoolTotal({ user, ...input });
    return json(await getPool({ user }));
  });
}
