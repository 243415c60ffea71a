/**
 * `npm run test:pg:e2e [-- <playwright args>]` (ADR 0024, 0026): the Playwright suite against
 * PostgreSQL. Runs `playwright test` with E2E_ENGINE=postgresql: e2e/global-setup.ts starts one
 * throwaway cluster (scripts/pg-cluster.ts) and migrates a template database, each worker's server
 * gets its own copy (e2e/app-server.ts), e2e/db.ts reads through `pg`; the cluster is removed at the end.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

// Ctrl-C reaches Playwright too: let it finish its teardown (which removes the cluster) and exit with it
process.on("SIGINT", () => {});
const run = spawnSync(path.resolve("node_modules", ".bin", "playwright"), ["test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, E2E_ENGINE: "postgresql" },
});
process.exit(run.status ?? 1);
