import { getFormProps } from "@conform-to/react";
import { Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/account-password";
import { useT } from "~/i18n/use-t";
import { Field, FormErrors, useSchemaForm } from "~/components/forms";
import { requireUser } from "~/modules/auth/session.server";
import { changePasswordSchema } from "~/modules/users/users.schema";
import { changeOwnPassword } from "~/modules/users/users.server";
import { readForm } from "~/utils/api.server";
import { replyFor, resultFor } from "~/utils/form";
import { pageLocale } from "~/utils/locale.server";
import { formAction } from "~/utils/page-action.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return { required: user.mustChangePassword === true };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  return formAction({
    locale: await pageLocale(request),
    formData: await readForm(request),
    schema: changePasswordSchema,
    form: "password",
    hideFields: ["current", "next"],
    fieldOf: (error) => (({ "notify.password.wrongCurrent": "current", "notify.password.sameAsOld": "next" }) as Record<string, string>)[error.messageKey],
    work: async (input) => {
      await changeOwnPassword({ user, ...input });
      return redirect("/");
    },
  });
}

export default function AccountPassword({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useSchemaForm({ id: "password", form: "password", lastResult: resultFor(actionData, "password") });
  const refused = replyFor(actionData, "password");
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="page-title">{t("notify.password.title")}</h1>
      {loaderData.required ? (
        <p role="status" className="alert-error">
          {t("notify.password.intro")}
        </p>
      ) : null}
      {refused ? (
        <p role="alert" className="alert-error">
          {refused.message}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card space-y-3">
        <FormErrors form={form} />
        <Field meta={fields.current} label={t("notify.password.current")} type="password" inputProps={{ autoComplete: "current-password" }} />
        <Field meta={fields.next} label={t("notify.password.next")} type="password" inputProps={{ autoComplete: "new-password" }} />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("notify.password.submit")}
        </button>
      </Form>
    </div>
  );
}
