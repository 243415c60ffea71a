import { data, redirect } from "react-router";
import type { Route } from "./+types/pool-release";
import { translate } from "~/i18n/translate";
import { requireUser } from "~/modules/auth/session.server";
import { releaseAllocation } from "~/modules/pool/allocations.server";
import { AppError } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { appErrorMessage, readForm, requireSameOrigin } from "~/utils/api.server";

/** Page form target for "release allocation" (the allocations panel posts here with a fetcher). */
export async function action({ request, context }: Route.ActionArgs) {
  requireSameOrigin(request);
  const user = await requireUser(request, context);
  const locale = await pageLocale(request);
  const allocationId = String((await readForm(request)).get("allocationId") ?? "");
  try {
    await releaseAllocation({ user, allocationId });
    return { ok: true, message: translate(locale, "pool.ledger.releaseDone") };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404 || error.status === 403) throw new Response(null, { status: error.status });
    const message = appErrorMessage(error, locale);
    return data({ ok: false, message }, { status: error.status });
  }
}

export function loader() {
  return redirect("/pool");
}
