import { data, redirect } from "react-router";
import type { Route } from "./+types/request-edit";
import { RequestForm } from "~/components/request-form";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { requireRole } from "~/modules/auth/session.server";
import { intakeFromForm, missingForSubmit, parseDraft } from "~/modules/requests/request-form.server";
import { completeIntakeSchema } from "~/modules/requests/request.schema";
import { getRequestView, sendRequestEvent, updateRequest } from "~/modules/requests/requests.server";
import { AppError, forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireRole(request, "MINISTRY_OFFICER");
  const locale = await pageLocale(request);
  const item = await forPage(() => getRequestView({ user, requestId: params.id }));
  if (!["draft", "revision"].includes(item.state)) throw redirect(`/requests/${item.id}`);
  let errors: Record<string, string> | undefined;
  if (new URL(request.url).searchParams.get("incomplete")) {
    const { id: _i, ...rest } = item;
    const values = Object.fromEntries(Object.keys(completeIntakeSchema.shape).filter((k) => rest[k as keyof typeof rest] !== null).map((k) => [k, rest[k as keyof typeof rest]]));
    errors = missingForSubmit(values, locale) ?? undefined;
  }
  return { item, errors };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireRole(request, "MINISTRY_OFFICER");
  const locale = await pageLocale(request);
  const form = await request.formData();
  const values = intakeFromForm(form);
  const draft = parseDraft(values, locale);
  if (!draft.ok) return data({ values, errors: draft.errors, message: translate(locale, "request.form.fixErrors") }, { status: 422 });
  try {
    const updated = await updateRequest({ user, requestId: params.id, expectedVersion: Number(form.get("expectedVersion")), fields: draft.fields });
    if (form.get("intent") === "submit") {
      const errors = missingForSubmit(values, locale);
      if (errors) {
        return data({ values, errors, message: translate(locale, "request.form.fixErrors"), version: updated.version }, { status: 422 });
      }
      const type = updated.state === "revision" ? "RESUBMIT" : "SUBMIT";
      await sendRequestEvent({ user, requestId: params.id, body: { type, expectedVersion: updated.version } });
    }
    return redirect(`/requests/${params.id}`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404) throw new Response(null, { status: 404 });
    const message = error.code === "VERSION_CONFLICT" ? translate(locale, "request.conflict") : error.text?.[locale] ?? translate(locale, error.messageKey, error.params);
    return data({ values, errors: {} as Record<string, string>, message, version: undefined }, { status: error.status });
  }
}

export default function EditRequest({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const { item } = loaderData;
  const errors = actionData?.errors ?? loaderData.errors;
  return (
    <section>
      <h1 className="page-title">{t("request.form.editTitle")}</h1>
      <p className="mt-2 text-sm text-slate-700">{t("request.form.intro")}</p>
      {actionData?.message || errors ? <p role="alert" className="alert-error mt-4">{actionData?.message ?? t("request.form.fixErrors")}</p> : null}
      <RequestForm
        values={(actionData?.values as unknown as Record<string, string>) ?? (item as unknown as Record<string, string>)}
        errors={errors}
        version={Number((actionData && "version" in actionData ? actionData.version : undefined) ?? item.version)}
      />
    </section>
  );
}
