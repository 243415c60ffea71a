import type { Route } from "./+types/stats-pipeline";
import { requireUser } from "~/modules/auth/session.server";
import { pipelineStats } from "~/modules/stats/pipeline.server";
import { statsQuerySchema } from "~/modules/stats/stats.schema";
import { nonEmptyParams } from "~/modules/requests/request.schema";
import { handleApi, json, parseBody } from "~/utils/api.server";

/** GET /api/v1/stats/pipeline?ministry=&sector=&domain= — the dashboard's figures (officers: their ministry). */
export async function loader({ request, url, context }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    const query = parseBody(statsQuerySchema, nonEmptyParams(url.searchParams));
    return json(await pipelineStats({ user, query }));
  });
}
