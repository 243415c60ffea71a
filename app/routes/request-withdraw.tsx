import { getFormProps } from "@conform-to/react";
import { Form, Link, data, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/request-withdraw";
import { translate } from "~/i18n/translate";
import { FormErrors, TextareaField, useSchemaForm } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { withdrawFormSchema } from "~/modules/requests/request.schema";
import { getRequestView, sendRequestEvent } from "~/modules/requests/requests.server";
import { meetingsOfRequest } from "~/modules/meetings/meetings.server";
import { AppError, forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { readForm } from "~/utils/api.server";
import { parseForm } from "~/utils/parse-form";

/** The confirmation step before a withdrawal (a page, so it works without JavaScript). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  const item = await forPage(() => getRequestView({ user, requestId: params.id }));
  if (!item.allowedEvents.includes("WITHDRAW")) throw redirect(`/requests/${item.id}`);
  // on a locked agenda the meeting decides: say so instead of offering a withdrawal the machine refuses
  const lockedMeeting = (await forPage(() => meetingsOfRequest({ user, requestId: item.id }))).lockedMeetingNumber;
  return { item: { id: item.id, title: item.title, reference: item.reference, state: item.state, version: item.version }, lockedMeeting };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  const locale = await pageLocale(request);
  const submission = parseForm(await readForm(request), withdrawFormSchema, locale);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 422 });
  try {
    await sendRequestEvent({ user, requestId: params.id, body: { type: "WITHDRAW", ...submission.value } });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404 || error.status === 403) throw new Response(null, { status: error.status });
    const message =
      error.code === "VERSION_CONFLICT" ? translate(locale, "request.conflict") : (error.text?.[locale] ?? translate(locale, error.messageKey, error.params));
    return data({ result: submission.reply({ formErrors: [message] }) }, { status: error.status });
  }
  return redirect(`/requests/${params.id}?notice=withdrawn`);
}

export default function WithdrawRequest({ loaderData, actionData }: Route.ComponentProps) {
  const { item, lockedMeeting } = loaderData;
  const { t, td } = useT();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useSchemaForm({ id: "withdraw", form: "withdraw", lastResult: actionData?.result });
  return (
    <section aria-labelledby="withdraw-title" className="max-w-2xl space-y-4">
      <p className="font-mono text-sm text-slate-600">
        {item.reference ?? t("request.noReference")} · {td(`workflow.state.${item.state}`)}
      </p>
      <h1 id="withdraw-title" className="page-title">
        {t("request.withdraw.title")}
      </h1>
      <p className="text-lg font-semibold">{item.title ?? t("request.untitled")}</p>
      {lockedMeeting !== null ? (
        <>
          <p className="alert-error" data-testid="withdraw-locked">
            {t("deliberation.request.withdrawLocked", { meeting: t("meeting.numbered", { number: lockedMeeting }) })}
          </p>
          <p>
            <Link to={`/requests/${item.id}`} className="btn-secondary">
              {t("common.cancel")}
            </Link>
          </p>
        </>
      ) : null}
      {lockedMeeting !== null ? null : <p className="alert-error">{t("request.withdraw.warning")}</p>}
      <FormErrors form={form} />
      {lockedMeeting !== null ? null : (
        <Form method="post" {...getFormProps(form)} className="card space-y-3">
          <input type="hidden" name="expectedVersion" value={item.version} />
          <TextareaField meta={fields.reason} label={t("request.reasonLabel")} textareaProps={{ rows: 4 }} />
          <div className="flex flex-wrap gap-2">
            <button type="submit" className="btn-danger" disabled={busy}>
              {busy ? t("request.withdraw.pending") : t("request.withdraw.confirm")}
            </button>
            <Link to={`/requests/${item.id}`} className="btn-secondary">
              {t("common.cancel")}
            </Link>
          </div>
        </Form>
      )}
    </section>
  );
}
