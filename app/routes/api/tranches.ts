import type { Route } from "./+types/tranches";
import { requireUser } from "~/modules/auth/session.server";
import { createTrancheSchema } from "~/modules/pool/pool.schema";
import { createTranche, listTranches } from "~/modules/pool/tranches.server";
import { allowMethods, handleApi, json, parseBody, readJson } from "~/utils/api.server";

/** GET /api/v1/tranches → `[{ id, label, arrivesOn, capacity, allocated, remaining, bySector, ... }]`. */
export async function loader({ request, context }: Route.LoaderArgs) {
  return handleApi(request, async () => json(await listTranches({ user: await requireUser(request, context) })));
}

/** POST /api/v1/tranches (ADMIN) → 201. */
export async function action({ request, context }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request, context);
    const input = parseBody(createTrancheSchema, await readJson(request));
    return json(await createTranche({ user, input }), 201);
  });
}
