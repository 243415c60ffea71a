/**
 * A throwaway PostgreSQL cluster for tests and benchmarks (ADR 0024): initdb as the `postgres` user when
 * run as root (the server refuses to run as root) in a temp folder, listening on 127.0.0.1 only on a
 * free port, tuned for data that is thrown away; `stop()` stops it and removes the folder. Used by
 * `npm run test:pg` (scripts/pg-test.ts), `test:pg:instances`, `test:pg:e2e` (e2e/global-setup.ts) and
 * `npm run bench -- --pg`. Needs Debian's PostgreSQL (`apt-get install postgresql`); PG_BIN points
 * elsewhere.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { prismaMigrateCli } from "./prisma-cli";

export interface Cluster {
  /** the admin URL (database `postgres`) */
  url: string;
  stop(): void;
}

function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
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

/** Drops `name` if it exists and creates it again, empty or as a copy of `template`; returns its URL. */
async function recreateDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await admin.end();
  }
  return url.toString();
}

/** Creates `name` on the cluster and applies prisma/postgresql/migrations to it; returns its URL. */
export async function createMigratedDatabase(adminUrl: string, name: string): Promise<string> {
  const url = await recreateDatabase(adminUrl, name);
  prismaMigrateCli(["migrate", "deploy"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" },
  });
  return url;
}

/** Creates `name` as a copy of `template` (a migrated database nobody is connected to); returns its URL. */
export function createDatabaseFromTemplate(adminUrl: string, name: string, template: string): Promise<string> {
  return recreateDatabase(adminUrl, name, template);
}

/** Drops `name` (closing its connections first). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
