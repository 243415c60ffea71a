import { data, Form, redirect, useNavigation, useSearchParams } from "react-router";
import type { Route } from "./+types/login";
import { LanguageSwitch } from "~/components/language-switch";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { signInSchema } from "~/modules/auth/auth.schema";
import { safeRedirect } from "~/modules/auth/safe-redirect";
import { signIn, signedInUser } from "~/modules/auth/session.server";
import { readForm } from "~/utils/api.server";
import { AppError } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { clientIpContext } from "~/utils/request-context.server";
import { isDemoMode } from "~/utils/config.server";

export async function loader({ context }: Route.LoaderArgs) {
  if (signedInUser(context)) return redirect("/");
  return { demo: isDemoMode() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const locale = await pageLocale(request);
  const form = await readForm(request);
  const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return data({ error: translate(locale, "auth.invalid") }, { status: 400 });
  try {
    const { setCookie } = await signIn({ ...parsed.data, clientKey: context.get(clientIpContext) });
    return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": setCookie } });
  } catch (error) {
    if (error instanceof AppError) {
      const retry = error.extra?.retryAfterSeconds;
      const headers = typeof retry === "number" ? { "Retry-After": String(retry) } : undefined;
      return data({ error: translate(locale, error.messageKey, error.params) }, { status: error.status, headers });
    }
    throw error;
  }
}

export default function Login({ actionData, loaderData }: Route.ComponentProps) {
  const { t } = useT();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only">
        {t("app.skipToContent")}
      </a>
      <header className="bg-gov-900 text-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between p-4">
          <p className="text-lg font-bold">{t("app.name")}</p>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-md p-6">
        <h1 className="page-title">{t("auth.title")}</h1>
        <p className="mt-2 text-sm text-slate-700">{t("app.tagline")}</p>
        {params.get("signedOut") ? (
          <p className="alert-success mt-4" role="status">
            {t("auth.signedOut")}
          </p>
        ) : null}
        {/* a deep link while signed out: say why this page appears instead of the one asked for */}
        {!params.get("signedOut") && (params.get("redirectTo") ?? "/") !== "/" ? (
          <p className="alert-info mt-4" role="status" data-testid="login-reason">
            {t("auth.requiredFor")}
          </p>
        ) : null}
        {actionData?.error ? (
          <p className="alert-error mt-4" role="alert">
            {actionData.error}
          </p>
        ) : null}
        <Form method="post" className="card mt-4 space-y-4">
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <div>
            <label htmlFor="email" className="field-label">
              {t("auth.email")}
            </label>
            <input id="email" name="email" type="email" autoComplete="username" required className="field-input" />
          </div>
          <div>
            <label htmlFor="password" className="field-label">
              {t("auth.password")}
            </label>
            <input id="password" name="password" type="password" autoComplete="current-password" required className="field-input" />
          </div>
          <button type="submit" className="btn-primary w-full" disabled={busy}>
            {busy ? t("auth.submitting") : t("auth.submit")}
          </button>
        </Form>
        {loaderData?.demo ? (
          <p className="mt-4 text-sm text-slate-600" data-testid="demo-hint">
            {t("auth.demoHint")}
          </p>
        ) : null}
      </main>
    </>
  );
}
