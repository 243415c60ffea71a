import type { Route } from "./+types/tranches-item";
import { requireUser } from "~/modules/auth/session.server";
import { deleteTrancheSchema, updateTrancheSchema } from "~/modules/pool/pool.schema";
import { deleteTranche, updateTranche } from "~/modules/pool/tranches.server";
import { handleApi, json, parseBody, readJson } from "~/utils/api.server";
import { AppError } from "~/utils/errors";

/** PATCH /api/v1/tranches/:id `{ expectedVersion, ...fields }`; DELETE with `{ expectedVersion }` (ADMIN). */
export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    if (request.method === "PATCH") {
      const input = parseBody(updateTrancheSchema, await readJson(request));
      return json(await updateTranche({ user, trancheId: params.id, input }));
    }
    if (request.method === "DELETE") {
      const { expectedVersion } = parseBody(deleteTrancheSchema, await readJson(request));
      await deleteTranche({ user, trancheId: params.id, expectedVersion });
      return new Response(null, { status: 204 });
    }
    throw new AppError("BAD_REQUEST", 405, "error.methodNotAllowed");
  });
}
