import { openApiDocument } from "~/modules/api-docs/openapi.server";
import { json } from "~/utils/api.server";

/** GET /api/v1/openapi.json — public: the contract, no data. */
export function loader() {
  return json(openApiDocument());
}
