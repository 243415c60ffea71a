/**
 * `npm run test:pg [-- <vitest args>]` (ADR 0024): the unit and API-level suites against PostgreSQL.
 * Starts a throwaway cluster (scripts/pg-cluster.ts: initdb as the `postgres` user when run as root, a
 * free loopback port, a temp folder), migrates a template database with prisma/postgresql
 * migrations (`prisma migrate deploy`), runs vitest with TEST_PG_URL set (app/test/setup.ts then gives
 * every test file its own copy of the template), and stops and removes the cluster — also on failure
 * or Ctrl-C. With TEST_PG_URL already set (an existing server, its admin database), no cluster is
 * started. Needs Debian's PostgreSQL (`apt-get install postgresql`); PG_BIN points elsewhere.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createMigratedDatabase, startCluster } from "./pg-cluster";

async function main() {
  const external = process.env.TEST_PG_URL;
  const cluster = external ? null : await startCluster();
  const stop = () => cluster?.stop();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stop();
      process.exit(130);
    });
  }
  let status = 1;
  try {
    const admin = external ?? cluster!.url;
    const started = Date.now();
    await createMigratedDatabase(admin, "ax_template");
    console.log(
      `PostgreSQL ${cluster ? "cluster started and " : ""}template migrated in ${((Date.now() - started) / 1000).toFixed(1)} s (${admin.replace(/\/\/[^@]*@/, "//")})`,
    );
    const run = spawnSync(path.resolve("node_modules", ".bin", "vitest"), ["run", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, TEST_PG_URL: admin, TEST_PG_TEMPLATE: "ax_template" },
    });
    status = run.status ?? 1;
  } finally {
    stop();
  }
  process.exit(status);
}

if (/scripts[\\/]pg-test\.ts$/.test(process.argv[1] ?? "")) await main();
