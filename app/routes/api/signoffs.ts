import type { Route } from "./+types/signoffs";
import { pendingSignoffs } from "~/modules/meetings/signoffs.server";
import { requireUser } from "~/modules/auth/session.server";
import { handleApi, json } from "~/utils/api.server";

/** Decisions waiting for the calling approver's signature. */
export async function loader({ request, context }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    return json(await pendingSignoffs({ user }));
  });
}
