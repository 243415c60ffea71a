import { data, redirect } from "react-router";
import type { Route } from "./+types/request-new";
import { RequestForm } from "~/components/request-form";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { requireRole } from "~/modules/auth/session.server";
import { intakeFromForm, missingForSubmit, parseDraft } from "~/modules/requests/request-form.server";
import { createRequest, sendRequestEvent } from "~/modules/requests/requests.server";
import { pageLocale } from "~/utils/locale.server";

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "MINISTRY_OFFICER");
  return { defaults: { contactName: user.name, contactEmail: user.email } };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireRole(request, "MINISTRY_OFFICER");
  const locale = await pageLocale(request);
  const form = await request.formData();
  const values = intakeFromForm(form);
  const draft = parseDraft(values, locale);
  if (!draft.ok) return data({ values, errors: draft.errors, message: translate(locale, "request.form.fixErrors") }, { status: 422 });
  const created = await createRequest({ user, fields: draft.fields });
  if (form.get("intent") === "submit") {
    if (missingForSubmit(values, locale)) return redirect(`/requests/${created.id}/edit?incomplete=1`);
    await sendRequestEvent({ user, requestId: created.id, body: { type: "SUBMIT", expectedVersion: created.version } });
  }
  return redirect(`/requests/${created.id}`);
}

export default function NewRequest({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  return (
    <section>
      <h1 className="page-title">{t("request.form.newTitle")}</h1>
      <p className="mt-2 text-sm text-slate-700">{t("request.form.intro")}</p>
      {actionData?.message ? <p role="alert" className="alert-error mt-4">{actionData.message}</p> : null}
      <RequestForm values={(actionData?.values as unknown as Record<string, string>) ?? loaderData.defaults} errors={actionData?.errors} />
    </section>
  );
}
