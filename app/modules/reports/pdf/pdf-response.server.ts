import type { RouterContextProvider } from "react-router";
import type { CurrentUser } from "~/modules/auth/session.server";
import { requireUser } from "~/modules/auth/session.server";
import { forPage } from "~/utils/errors";
import { download, downloadLocale } from "../download.server";
import type { Locale } from "~/i18n/types";
import { translate } from "~/i18n/translate";
import { PdfFontMissingError } from "./fonts.server";

type Make = (input: { user: CurrentUser; locale: Locale }) => Promise<{ pdf: Buffer; fileName: string; asciiName: string }>;

/**
 * A PDF download for a page route: 404/403 as pages have them; a server without the Korean font
 * answers 503 with a sentence a person can pass on (and the log names the files it looked for).
 */
export async function pdfResponse(request: Request, context: Readonly<RouterContextProvider>, make: Make): Promise<Response> {
  const user = await requireUser(request, context);
  const locale = await downloadLocale(request);
  try {
    const { pdf, fileName, asciiName } = await forPage(() => make({ user, locale }));
    return download(new Uint8Array(pdf), { type: "pdf", name: fileName, asciiName });
  } catch (error) {
    if (!(error instanceof PdfFontMissingError)) throw error;
    console.error(error.message);
    return new Response(translate(locale, "reports.pdf.fontMissing"), { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
