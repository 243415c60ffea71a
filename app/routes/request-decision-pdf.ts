import type { Route } from "./+types/request-decision-pdf";
import { decisionNoticePdf } from "~/modules/reports/pdf/documents.server";
import { pdfResponse } from "~/modules/reports/pdf/pdf-response.server";

/** GET /requests/:id/decision.pdf — the decision notice of a decided request (A4, Korean embedded). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  return pdfResponse(request, context, ({ user, locale }) => decisionNoticePdf({ user, requestId: params.id, locale }));
}
