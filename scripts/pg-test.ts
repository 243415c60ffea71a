/**
 * `npm run test:pg [-- <vitest args>]` (ADR 0024): the unit and API-level suites against PostgreSQL.
 * Starts a throwaway cluster (initdb as the `postgres` user when run as root: the server refuses to run
 * as root) on a free port under a temp folder, migrates a template database with prisma/postgresql
 * migrations (`prisma migrate deploy`), runs vitest with TEST_PG_URL set (app/test/setup.ts then gives
 * every test file its own copy of the template), and stops and removes the cluster — also on failure
 * or Ctrl-C. With TEST_PG_URL already set (an existing server, its admin database), no cluster is
 * started. Needs Debian's PostgreSQL (`apt-get install postgresql`); PG_BIN points elsewhere.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export interface Cluster {
  /** the admin URL (database `postgres`) */
  url: string;
  stop(): void;
}

function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error("PostgreSQL is not installed (apt-get install -y postgresql), or set PG_BIN");
  return path.join(root, versions[0], "bin");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL program as `postgres` when we are root (the server refuses root), else as ourselves. */
function asPostgres(program: string, args: string[]) {
  const root = process.getuid?.() === 0;
  const [cmd, argv] = root ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, args];
  execFileSync(cmd, argv, { stdio: ["ignore", "ignore", "inherit"] });
}

/** A new cluster in a temp folder, listening on 127.0.0.1 only, tuned for tests (no fsync: data is thrown away). */
export async function startCluster(): Promise<Cluster> {
  const bin = pgBin();
  const dir = mkdtempSync(path.join(tmpdir(), "ax-pg-"));
  chmodSync(dir, 0o777); // the postgres user writes here
  const data = path.join(dir, "data");
  const port = await freePort();
  asPostgres(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "start"]);
  let stopped = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Creates `name` on the cluster and applies prisma/postgresql/migrations to it; returns its URL. */
export async function createMigratedDatabase(adminUrl: string, name: string): Promise<string> {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  execFileSync(path.resolve("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: url.toString(), CHECKPOINT_DISABLE: "1" },
  });
  return url.toString();
}

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
    console.log(`PostgreSQL ${cluster ? "cluster started and " : ""}template migrated in ${((Date.now() - started) / 1000).toFixed(1)} s (${admin.replace(/\/\/[^@]*@/, "//")})`);
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
