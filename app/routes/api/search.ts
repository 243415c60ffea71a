import type { Route } from "./+types/search";
import { requireUser } from "~/modules/auth/session.server";
import { searchParamsSchema } from "~/modules/search/search.schema";
import { searchEverything } from "~/modules/search/search.server";
import { handleApi, json, parseBody } from "~/utils/api.server";

/** GET /api/v1/search?q=&limit= — requests, meetings and conditions the caller may see, best first. */
export async function loader({ request, url, context }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    const { q, limit } = parseBody(searchParamsSchema, Object.fromEntries(url.searchParams));
    return json(await searchEverything({ user, q, limit }));
  });
}
