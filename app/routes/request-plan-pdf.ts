import type { Route } from "./+types/request-plan-pdf";
import { jointPlanPdf } from "~/modules/reports/pdf/documents.server";
import { pdfResponse } from "~/modules/reports/pdf/pdf-response.server";

/** GET /requests/:id/plan.pdf — the joint plan at its current revision with both signatures. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  return pdfResponse(request, context, ({ user, locale }) => jointPlanPdf({ user, requestId: params.id, locale }));
}
