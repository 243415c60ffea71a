import { useEffect } from "react";
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "react-router";
import { ErrorPage } from "./components/error-page";
import type { Route } from "./+types/root";
import "./app.css";
import { useT } from "./i18n/use-t";
import { resolveUserMiddleware } from "./modules/auth/session.server";
import { keptDocumentMiddleware } from "./utils/kept-documents.server";
import { pageLocale } from "./utils/locale.server";
import { userContext } from "./utils/request-context.server";

// the signed-in user, resolved once per request for every route below (ADR 0019); then a signed-in user's
// document kept until the next commit, when there is one (ADR 0062)
export const middleware: Route.MiddlewareFunction[] = [resolveUserMiddleware, keptDocumentMiddleware];

export async function loader({ request, context }: Route.LoaderArgs) {
  return { locale: await pageLocale(request), user: context.get(userContext) };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const { locale, t } = useT();
  // Marks the document once the whole page is hydrated (the layout's effect runs after every child's,
  // on a page and on an error page alike): from then on a form is React's, with its checks beside the
  // fields. The browser tests wait on it instead of guessing from the network (e2e/fixtures.ts `hydrated`).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
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
  return <ErrorPage />;
}
