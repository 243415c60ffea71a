import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateDecisionTable } from "./decision-table";

describe("docs/workflow-decision-table.md", () => {
  it("matches the machine (run `npm run docs:machine` after changing the workflow)", () => {
    const committed = readFileSync(new URL("../docs/workflow-decision-table.md", import.meta.url), "utf8");
    expect(committed).toBe(generateDecisionTable());
  });
});
