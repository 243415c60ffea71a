/**
 * Generates the Prisma clients (SQLite and PostgreSQL) with Prisma 7's CLI, installed as
 * `prisma-client-cli` (ADR 0046); npm install runs it. Migrations stay on Prisma 6.19's CLI
 * (scripts/prisma-cli.ts), which needs the datasource's `url` that 7's generator refuses: each schema
 * is generated from a copy without it, beside the original (its `output` is relative to its folder).
 * 7's CLI checks for its native schema engine before any command and downloads it when missing, which
 * fails here (no internet) and which `generate` never runs: it is pointed at this Node binary instead.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const cli = path.resolve("node_modules", "prisma-client-cli", "build", "index.js");
const config = path.resolve("prisma", "generate.config.mjs");
for (const schema of [path.join("prisma", "schema.prisma"), path.join("prisma", "postgresql", "schema.prisma")]) {
  const text = readFileSync(schema, "utf8");
  const withoutUrl = text.replace(/^\s*url\s*=\s*"[^"]*"\s*\n/m, "");
  if (withoutUrl === text) throw new Error(`${schema}: expected the datasource's url line (scripts/prisma-generate.mjs)`);
  const copy = path.join(path.dirname(schema), ".generate.prisma");
  writeFileSync(copy, withoutUrl);
  try {
    execFileSync(process.execPath, [cli, "generate", "--config", config, "--schema", copy], {
      stdio: "inherit",
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
  } finally {
    rmSync(copy, { force: true });
  }
}
