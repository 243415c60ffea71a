/**
 * Writes docs/workflow-decision-table.md from the workflow machine.
 * Run: `npm run docs:machine` (or `npx tsx scripts/machine-table.ts`).
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateDecisionTable } from "../workflows/decision-table.ts";

const target = fileURLToPath(new URL("../docs/workflow-decision-table.md", import.meta.url));
writeFileSync(target, generateDecisionTable(), "utf8");
console.log(`wrote ${target}`);
