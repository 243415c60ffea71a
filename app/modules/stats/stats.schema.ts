import { z } from "zod";
import { DOMAINS, SECTORS } from "~/modules/requests/request.schema";

/** Filters of the dashboard and of `GET /api/v1/stats/pipeline` (the URL's query string). */
export const statsQuerySchema = z.object({
  /** Organization code; ignored for ministry officers (they only ever see their own ministry). */
  ministry: z.string().trim().max(40).optional(),
  sector: z.enum(SECTORS).optional(),
  domain: z.enum(DOMAINS).optional(),
});
export type StatsQuery = z.infer<typeof statsQuerySchema>;
