import { data, redirect } from "react-router";
import type { Route } from "./+types/request-new";
import { RequestForm } from "~/components/request-form";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/permissions.server";
import { intentOf, parseIntakeForm } from "~/modules/requests/intake-form";
import { intakeOnly, savedUrl, submitFieldErrors } from "~/modules/requests/request-form.server";
import { createRequest, sendRequestEvent } from "~/modules/requests/requests.server";
import { AppError } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { readForm } from "~/utils/api.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requirePermission(request, "request:create", context);
  return { defaults: { contactName: user.name, contactEmail: user.email } };
}

/**
 * Save a draft (partial allowed) or save and submit (complete required). An incomplete submit is
 * answered with the missing fields and stores nothing, so no empty draft is left behind.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const user = await requirePermission(request, "request:create", context);
  const locale = await pageLocale(request);
  const formData = await readForm(request);
  const submission = parseIntakeForm(formData, locale);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 422 });
  const blocked = intentOf(formData) === "submit" ? submitFieldErrors(submission.value, locale) : null;
  if (blocked) return data({ result: submission.reply({ fieldErrors: blocked }) }, { status: 422 });
  const created = await createRequest({ user, fields: intakeOnly(submission.value) });
  if (intentOf(formData) !== "submit") return redirect(savedUrl(request, created.id));
  try {
    await sendRequestEvent({ user, requestId: created.id, body: { type: "SUBMIT", expectedVersion: created.version } });
  } catch (error) {
    // The draft is kept (complete, so nothing is lost); its page says why submitting failed.
    if (!(error instanceof AppError)) throw error;
    return redirect(`/requests/${created.id}?notice=submitFailed`);
  }
  return redirect(`/requests/${created.id}?notice=submitted`);
}

export default function NewRequest({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  return (
    <section aria-labelledby="new-title">
      <h1 id="new-title" className="page-title">
        {t("request.form.newTitle")}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t("request.form.intro")}</p>
      <RequestForm lastResult={actionData?.result} values={loaderData.defaults} />
    </section>
  );
}
