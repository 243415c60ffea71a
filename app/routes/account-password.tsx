import { Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/account-password";
import { useT } from "~/i18n/use-t";
import { translate } from "~/i18n/translate";
import type { MessageKey } from "~/i18n/messages";
import { requireUser } from "~/modules/auth/session.server";
import { changePasswordSchema } from "~/modules/users/users.schema";
import { changeOwnPassword } from "~/modules/users/users.server";
import { appErrorMessage, readForm } from "~/utils/api.server";
import { AppError } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  return { required: user.mustChangePassword === true };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  const locale = await pageLocale(request);
  const form = await readForm(request);
  const parsed = changePasswordSchema.safeParse({ current: String(form.get("current") ?? ""), next: String(form.get("next") ?? "") });
  if (!parsed.success) {
    const key = parsed.error.issues.find((i) => i.path[0] === "next")?.message;
    return { message: translate(locale, key?.startsWith("notify.") ? (key as MessageKey) : "error.validation") };
  }
  try {
    await changeOwnPassword({ user, ...parsed.data });
  } catch (error) {
    if (error instanceof AppError) return { message: appErrorMessage(error, locale) };
    throw error;
  }
  return redirect("/");
}

export default function AccountPassword({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="page-title">{t("notify.password.title")}</h1>
      {loaderData.required ? <p role="status" className="alert-error">{t("notify.password.intro")}</p> : null}
      {actionData?.message ? <p role="alert" className="alert-error">{actionData.message}</p> : null}
      <Form method="post" className="card space-y-3">
        <div>
          <label className="field-label" htmlFor="current">{t("notify.password.current")}</label>
          <input id="current" name="current" type="password" required autoComplete="current-password" className="field-input" />
        </div>
        <div>
          <label className="field-label" htmlFor="next">{t("notify.password.next")}</label>
          <input id="next" name="next" type="password" required minLength={10} autoComplete="new-password" className="field-input" />
        </div>
        <button type="submit" className="btn-primary" disabled={busy}>{t("notify.password.submit")}</button>
      </Form>
    </div>
  );
}
