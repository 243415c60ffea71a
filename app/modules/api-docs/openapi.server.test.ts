import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi.server";

describe("OpenAPI document", () => {
  type SchemaObject = { properties?: Record<string, unknown>; required?: string[]; oneOf?: unknown[]; anyOf?: unknown[] };
  const doc = openApiDocument() as { paths: Record<string, unknown>; components: { schemas: Record<string, SchemaObject> } };

  it("describes the intake fields from the shared zod schema", () => {
    const intake = doc.components.schemas.Intake;
    expect(Object.keys(intake.properties ?? {})).toEqual(expect.arrayContaining(["title", "gpusRequested", "desiredStartMonth", "npuCapable", "contactEmail"]));
    expect(intake.properties?.gpusRequested).toMatchObject({ type: "integer", minimum: 1, maximum: 10000 });
  });

  it("lists every event type and every $ref resolves", () => {
    const text = JSON.stringify(doc);
    for (const type of ["SUBMIT", "RETURN", "SCHEDULE", "UNSCHEDULE", "DECIDE", "AMEND_DECISION", "SIGN", "REFUSE_SIGNOFF", "RECONSIDER", "CONDITIONS_MET"])
      expect(text).toContain(`"${type}"`);
    for (const path of ["/meetings/{id}/agenda/{requestId}", "/meetings/{id}/unlock", "/meetings/{id}/cancel"]) expect(doc.paths).toHaveProperty([path]);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/(\w+)"/g)) expect(doc.components.schemas).toHaveProperty(name);
    expect(doc.paths).toHaveProperty(["/requests/{id}/events"]);
    expect(doc.paths).toHaveProperty(["/screening/bulk"]);
    expect(doc.paths).toHaveProperty(["/allocations"]);
    expect(doc.components.schemas.Allocate.required).toEqual(expect.arrayContaining(["requestId", "trancheId", "gpus"]));
    expect(doc.components.schemas.BulkScreening.properties).toHaveProperty("items");
  });
});
