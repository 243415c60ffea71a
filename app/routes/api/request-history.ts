import type { Route } from "./+types/request-history";
import { requestHistory } from "~/modules/requests/requests.server";
import { requireUser } from "~/modules/auth/session.server";
import { handleApi, json } from "~/utils/api.server";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    return json(await requestHistory({ user, requestId: params.id }));
  });
}
