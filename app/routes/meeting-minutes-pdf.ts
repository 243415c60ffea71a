import type { Route } from "./+types/meeting-minutes-pdf";
import { minutesPdf } from "~/modules/reports/pdf/documents.server";
import { pdfResponse } from "~/modules/reports/pdf/pdf-response.server";

/** GET /meetings/:id/minutes.pdf — the minutes from the recorded decisions (a draft until published). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  return pdfResponse(request, context, ({ user, locale }) => minutesPdf({ user, meetingId: params.id, locale }));
}
