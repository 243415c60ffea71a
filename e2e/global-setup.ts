/**
 * Before the workers start: builds the app once (when the build is missing or older than the sources).
 * With `E2E_ENGINE=postgresql` (`npm run test:pg:e2e`, ADR 0024) it also starts one throwaway
 * PostgreSQL cluster (scripts/pg-cluster.ts; or uses TEST_PG_URL, an existing server's admin database)
 * and migrates a template database there; each worker's server then gets its own copy
 * (e2e/app-server.ts). The returned teardown stops and removes the cluster.
 */
import { execFileSync } from "node:child_process";
import { createMigratedDatabase, dropDatabase, startCluster } from "../scripts/pg-cluster";

export const PG_TEMPLATE = "ax_e2e_template";

export function e2eEngine(): "sqlite" | "postgresql" {
  const engine = (process.env.E2E_ENGINE ?? "sqlite").toLowerCase();
  if (engine === "postgresql" || engine === "postgres") return "postgresql";
  if (engine === "sqlite") return "sqlite";
  throw new Error(`E2E_ENGINE must be sqlite or postgresql, not ${process.env.E2E_ENGINE}`);
}

export default async function globalSetup() {
  execFileSync(process.execPath, ["scripts/start.mjs", "--build-only"], { stdio: "inherit" });
  if (e2eEngine() !== "postgresql") return;
  const external = process.env.TEST_PG_URL;
  const cluster = external ? null : await startCluster();
  const stop = () => cluster?.stop();
  process.once("exit", stop); // also when the run is interrupted before the teardown
  const admin = external ?? cluster!.url;
  const started = Date.now();
  try {
    await createMigratedDatabase(admin, PG_TEMPLATE);
  } catch (error) {
    stop();
    throw error;
  }
  console.log(`PostgreSQL ${cluster ? "cluster started and " : ""}e2e template migrated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // read by the workers (e2e/app-server.ts): they inherit the runner's environment
  process.env.E2E_PG_ADMIN_URL = admin;
  return async () => {
    if (external) await dropDatabase(admin, PG_TEMPLATE);
    stop();
  };
}
