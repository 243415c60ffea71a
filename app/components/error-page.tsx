import { isRouteErrorResponse, useRouteError } from "react-router";
import { useT } from "~/i18n/use-t";

/** The error page's words (404, 403, anything else); inside the app's chrome it is the page's content. */
export function ErrorPage({ inChrome = false }: { inChrome?: boolean }) {
  const error = useRouteError();
  const { t } = useT();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  const body = (
    <>
      <h1 className="page-title">{notFound ? t("error.notFoundTitle") : t("error.title")}</h1>
      <p className="mt-4">{notFound ? t("error.notFound") : forbidden ? t("error.forbidden") : t("error.generic")}</p>
      {import.meta.env.DEV && error instanceof Error ? <pre className="mt-4 overflow-auto text-xs">{error.stack}</pre> : null}
      <p className="mt-6">
        <a href="/">{t("error.backHome")}</a>
      </p>
    </>
  );
  return inChrome ? (
    <section className="max-w-xl">{body}</section>
  ) : (
    <main id="main" className="mx-auto max-w-xl p-8">
      {body}
    </main>
  );
}
