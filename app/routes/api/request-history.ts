import type { Route } from "./+types/request-history";
import { requestHistoryApiPage } from "~/modules/requests/requests.server";
import { requireUser } from "~/modules/auth/session.server";
import { AppError } from "~/utils/errors";
import { handleApi, json } from "~/utils/api.server";

/**
 * The request's audit events, oldest first, paged (issue 11): the body stays the array of events;
 * `?limit=` (default 200, at most 1000) and `?after=<seq>`; a further page is named by the
 * `Link: <…?after=…>; rel="next"` header (and `X-Next-After`).
 */
export async function loader({ request, url, context, params }: Route.LoaderArgs) {
  return handleApi(request, async () => {
    const user = await requireUser(request, context);
    const number = (name: string) => {
      const raw = url.searchParams.get(name);
      if (raw === null || raw === "") return undefined;
      if (!/^\d{1,15}$/.test(raw)) throw new AppError("VALIDATION_FAILED", 422, "error.validation", undefined, { fields: { [name]: "a whole number" } });
      return Number(raw);
    };
    const limit = number("limit");
    const { events, nextAfter } = await requestHistoryApiPage({ user, requestId: params.id, after: number("after"), limit });
    const headers = new Headers();
    if (nextAfter !== null) {
      const next = new URL(url.pathname, url.origin);
      if (limit !== undefined) next.searchParams.set("limit", String(limit));
      next.searchParams.set("after", String(nextAfter));
      headers.set("Link", `<${next.pathname}${next.search}>; rel="next"`);
      headers.set("X-Next-After", String(nextAfter));
    }
    return json(events, { headers });
  });
}
