import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "react-router";
import { ErrorPage } from "./components/error-page";
import type { Route } from "./+types/root";
import "./app.css";
import { useT } from "./i18n/use-t";
import { getUser } from "./modules/auth/session.server";
import { pageLocale } from "./utils/locale.server";

export async function loader({ request }: Route.LoaderArgs) {
  const [locale, user] = await Promise.all([pageLocale(request), getUser(request)]);
  return { locale, user };
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
  return <ErrorPage />;
}
