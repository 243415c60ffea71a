import type { Route } from "./+types/allocations";
import { requireUser } from "~/modules/auth/session.server";
import { allocateGpus, listAllocations } from "~/modules/pool/allocations.server";
import { allocateSchema } from "~/modules/pool/pool.schema";
import { allowMethods, handleApi, json, parseBody, readJson } from "~/utils/api.server";

/** GET /api/v1/allocations?requestId= → the allocations the caller may see (officers: own ministry). */
export async function loader({ request, url, context }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    const requestId = url.searchParams.get("requestId") || undefined;
    return json(await listAllocations({ user, requestId }));
  });
}

/** POST /api/v1/allocations `{ requestId, trancheId, gpus, startMonth?, months? }` (SECRETARIAT) → 201. */
export async function action({ request, context }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request, context);
    const input = parseBody(allocateSchema, await readJson(request));
    return json(await allocateGpus({ user, input }), 201);
  });
}
