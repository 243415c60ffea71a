/**
 * The production server process (ADR 0018), built by `npm run build` into build/server/start.js and
 * run by `node` (through `npm start`, which builds first when the build is missing or stale): React
 * production mode, migrate, prepare (demo seed when SEED_DEMO≠0, crash recovery), serve, background
 * workers, and a graceful shutdown on SIGTERM/SIGINT (in-flight requests finish, the audit anchor is
 * flushed, the database closed).
 *
 * `--deployed` (`npm run start:prod`, README "Deploying", ADR 0024): a deployment's instance — no
 * migration at start (`npm run db:migrate` is its own step, run once for all instances), never the
 * demo data (SEED_DEMO=0 unless set: the session secret is then required and cookies are Secure).
 */
import { migrateDatabase } from "../scripts/migrate";
import { createServer, listen, loadProductionBuild } from "./index";

interface Lifecycle {
  prepareAtStart(): Promise<void>;
  startBackgroundWorkers(): () => Promise<void>;
  closeAtShutdown(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  process.env.NODE_ENV = "production";
  process.env.DATABASE_URL ??= "file:./data/app.db";
  if (process.argv.includes("--deployed")) process.env.SEED_DEMO ??= "0";
  else migrateDatabase();
  const build = await loadProductionBuild();
  const lifecycle = build.entry.module as unknown as Lifecycle; // app/entry.server.tsx re-exports app/utils/lifecycle.server
  await lifecycle.prepareAtStart();
  const server = await listen(await createServer({ dev: false, serverBuild: build }));
  const stopWorkers = lifecycle.startBackgroundWorkers();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in progress, then stopping.`);
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(async () => {
      try {
        await stopWorkers();
        await lifecycle.closeAtShutdown();
        process.exit(0);
      } catch (error) {
        console.error(error);
        process.exit(1);
      }
    });
    server.closeIdleConnections(); // keep-alive connections without a request in progress
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
