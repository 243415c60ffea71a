import { Form, useNavigation } from "react-router";
import type { Route } from "./+types/notification-settings";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { NOTIFICATION_KINDS } from "~/modules/notifications/kinds";
import { emailPreferences, saveEmailPreferences } from "~/modules/notifications/preferences.server";
import { readForm } from "~/utils/api.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return { prefs: await emailPreferences(user) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  const form = await readForm(request);
  if (form.get("intent") !== "save") return { ok: false };
  await saveEmailPreferences(user, new Set(form.getAll("email").map(String)));
  return { ok: true };
}

export default function NotificationSettings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useT();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("notify.prefs.title")}</h1>
      <p>{t("notify.prefs.intro")}</p>
      {actionData?.ok ? (
        <div role="status" className="alert-success">
          {t("notify.prefs.saved")}
        </div>
      ) : null}
      <Form method="post" className="card space-y-3">
        <input type="hidden" name="intent" value="save" />
        <fieldset className="space-y-2">
          <legend className="field-label">{t("notify.prefs.email")}</legend>
          {NOTIFICATION_KINDS.map((kind) => (
            <label key={kind} className="flex items-center gap-2">
              <input type="checkbox" name="email" value={kind} defaultChecked={loaderData.prefs[kind]} />
              {t(`notify.kindLabel.${kind}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("notify.prefs.save")}
        </button>
      </Form>
    </div>
  );
}
