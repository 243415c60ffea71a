import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formSchemas } from "~/components/form-schemas";
import { formConstraints } from "~/components/form-constraints.generated";
import { generatedFile, generatedText } from "./form-constraints";

describe("the pages' form constraints (ADR 0043)", () => {
  it("are those of the schemas as they are now (else run `npm run forms:constraints`)", async () => {
    expect(readFileSync(generatedFile, "utf8")).toBe(await generatedText());
  });

  it("name every form schema, and say what the schema requires", () => {
    expect(Object.keys(formConstraints).sort()).toEqual(Object.keys(formSchemas).sort());
    expect(formConstraints.withdraw.reason).toEqual({ required: true });
    expect(formConstraints["event.RETURN"].reasons).toMatchObject({ required: true, multiple: true });
    expect(formConstraints.intake.domain.pattern).toContain("HEALTH");
    // a constraint that says nothing is left out (Conform reads a missing one the same)
    expect(formConstraints.plan).not.toHaveProperty("kpis");
  });
});
