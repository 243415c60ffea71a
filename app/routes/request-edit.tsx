import { data, redirect } from "react-router";
import type { Route } from "./+types/request-edit";
import { NoticeBanner } from "~/components/notice-banner";
import { RequestForm } from "~/components/request-form";
import { ReturnReasons } from "~/components/return-reasons";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/permissions.server";
import { intentOf, parseIntakeForm } from "~/modules/requests/intake-form";
import { intakeOnly, savedUrl, submitFieldErrors } from "~/modules/requests/request-form.server";
import { getRequestView, requestHistory, sendRequestEvent, updateRequest } from "~/modules/requests/requests.server";
import { AppError, forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { readForm } from "~/utils/api.server";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requirePermission(request, "request:edit", context);
  return forPage(async () => {
    const [item, history] = await Promise.all([getRequestView({ user, requestId: params.id }), requestHistory({ user, requestId: params.id })]);
    if (!["draft", "revision"].includes(item.state)) throw redirect(`/requests/${item.id}`);
    const lastReturn = item.state === "revision" ? history.findLast((h) => h.type === "RETURN") : undefined;
    return { item, returnReasons: (lastReturn?.payload.reasons as string[] | undefined) ?? null };
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requirePermission(request, "request:edit", context);
  const locale = await pageLocale(request);
  const formData = await readForm(request);
  const submission = parseIntakeForm(formData, locale);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 422 });
  const blocked = intentOf(formData) === "submit" ? submitFieldErrors(submission.value, locale) : null;
  if (blocked) return data({ result: submission.reply({ fieldErrors: blocked }) }, { status: 422 });
  try {
    const expectedVersion = submission.value.expectedVersion ?? 0;
    const updated = await updateRequest({ user, requestId: params.id, expectedVersion, fields: intakeOnly(submission.value) });
    if (intentOf(formData) !== "submit") return redirect(savedUrl(request, params.id));
    const type = updated.state === "revision" ? "RESUBMIT" : "SUBMIT";
    await sendRequestEvent({ user, requestId: params.id, body: { type, expectedVersion: updated.version } });
    return redirect(`/requests/${params.id}?notice=${type === "RESUBMIT" ? "resubmitted" : "submitted"}`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404 || error.status === 403) throw new Response(null, { status: error.status });
    const message =
      error.code === "VERSION_CONFLICT" ? translate(locale, "request.conflict") : (error.text?.[locale] ?? translate(locale, error.messageKey, error.params));
    return data({ result: submission.reply({ formErrors: [message] }) }, { status: error.status });
  }
}

export default function EditRequest({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const { item, returnReasons } = loaderData;
  return (
    <section aria-labelledby="edit-title" className="space-y-4">
      <div>
        <p className="font-mono text-sm text-slate-600">{item.reference ?? t("request.noReference")}</p>
        <h1 id="edit-title" className="page-title">
          {t("request.form.editTitle")}
        </h1>
        <p className="mt-2 text-sm text-slate-700">{t("request.form.intro")}</p>
      </div>
      <NoticeBanner />
      {returnReasons ? <ReturnReasons reasons={returnReasons} intro={t("request.form.returnedIntro")} /> : null}
      <RequestForm lastResult={actionData?.result} values={item as unknown as Record<string, string>} version={item.version} />
    </section>
  );
}
