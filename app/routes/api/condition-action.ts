import { z } from "zod";
import { text } from "~/utils/schema-fields";
import type { Route } from "./+types/condition-action";
import { markConditionMet, returnEvidence, submitEvidence } from "~/modules/conditions/conditions.server";
import { requireUser } from "~/modules/auth/session.server";
import { allowMethods, handleApi, json, parseBody, readJson } from "~/utils/api.server";
import { notFound } from "~/utils/errors";

const version = { expectedVersion: z.number().int().min(1) };
const schemas = {
  evidence: z.strictObject({ ...version, note: text().max(5000).default("") }),
  met: z.strictObject(version),
  return: z.strictObject({ ...version, reason: text().trim().min(1).max(2000) }),
};

/** POST /api/v1/conditions/:id/(evidence|met|return) */
export async function action({ request, context, params }: Route.ActionArgs) {
  return handleApi(request, async () => {
    allowMethods(request, "POST");
    const user = await requireUser(request, context);
    const body = await readJson(request);
    const conditionId = params.id;
    switch (params.step) {
      case "evidence": {
        const { expectedVersion, note } = parseBody(schemas.evidence, body);
        return json(await submitEvidence({ user, conditionId, expectedVersion, note }));
      }
      case "met":
        return json(await markConditionMet({ user, conditionId, ...parseBody(schemas.met, body) }));
      case "return":
        return json(await returnEvidence({ user, conditionId, ...parseBody(schemas.return, body) }));
      default:
        throw notFound();
    }
  });
}
