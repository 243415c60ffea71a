import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError } from "react-router";
import type { Route } from "./+types/root";
import "./app.css";
import { useT } from "./i18n/use-t";
import { resolveUserMiddleware } from "./modules/auth/session.server";
import { pageLocale } from "./utils/locale.server";
import { userContext } from "./utils/request-context.server";

// the signed-in user, resolved once per request for every route below (ADR 0019)
export const middleware: Route.MiddlewareFunction[] = [resolveUserMiddleware];

export async function loader({ request, context }: Route.LoaderArgs) {
  return { locale: await pageLocale(request), user: context.get(userContext) };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const { locale, t } = useT();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <title>{t("app.name")}</title>
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useT();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  return (
    <main id="main" className="mx-auto max-w-xl p-8">
      <h1 className="page-title">{notFound ? t("error.notFoundTitle") : t("error.title")}</h1>
      <p className="mt-4">{notFound ? t("error.notFound") : forbidden ? t("error.forbidden") : t("error.generic")}</p>
      {import.meta.env.DEV && error instanceof Error ? <pre className="mt-4 overflow-auto text-xs">{error.stack}</pre> : null}
      <p className="mt-6">
        <a href="/">{t("error.backHome")}</a>
      </p>
    </main>
  );
}
