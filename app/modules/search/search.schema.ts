import { z } from "zod";
import { MAX_QUERY_LENGTH } from "./search-query";

/** `GET /api/v1/search` and the /search page. */
export const searchParamsSchema = z.object({
  q: z.string().max(MAX_QUERY_LENGTH).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});
