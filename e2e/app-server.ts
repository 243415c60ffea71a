/**
 * One app server per Playwright worker (issue 10): its own port, database, upload folder and SMTP
 * sink, so two workers run side by side without seeing each other's records, throttles or mails. The
 * database is a SQLite file, or with `E2E_ENGINE=postgresql` a database of its own on the run's
 * PostgreSQL cluster, copied from the template e2e/global-setup.ts migrated and dropped at the end.
 * The server is the production build (`build/server/start.js`, made once by e2e/global-setup.ts) on
 * plain `node`, as `npm start` runs it. The worker's `process.env.E2E_*` point the specs' direct
 * readers (e2e/db.ts, e2e/mail.ts) at this worker's files.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabaseFromTemplate, dropDatabase } from "../scripts/pg-cluster";
import { e2eEngine, PG_TEMPLATE } from "./global-setup";
import { startSmtpSink } from "./smtp-sink";

export interface AppServer {
  baseURL: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves when `url` answers 200; rejects when the process exits first or after `timeoutMs`. */
async function whenServing(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once("exit", (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`the app server exited (${exited}) before serving:\n${readFileSync(logFile, "utf8").slice(-4000)}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the app server did not answer ${url} within ${timeoutMs} ms:\n${readFileSync(logFile, "utf8").slice(-4000)}`);
}

export async function startAppServer(): Promise<AppServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "ax-e2e-"));
  const port = await freePort();
  const mailFile = path.join(dir, "mails.jsonl");
  const smtpPort = await startSmtpSink(mailFile);
  const baseURL = `http://127.0.0.1:${port}`;
  const database = await workerDatabase(dir);
  Object.assign(process.env, {
    E2E_BASE_URL: baseURL,
    E2E_DATA_DIR: dir,
    E2E_DATABASE_URL: database.url,
    E2E_MAIL_FILE: mailFile,
  });
  const logFile = path.join(dir, "server.log");
  const log = openSync(logFile, "a");
  const child = spawn(process.execPath, [path.resolve("build", "server", "start.js")], {
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      DATA_DIR: dir,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      OUTBOX_INTERVAL_MS: "300",
      LOG_LEVEL: "warn",
    },
  });
  closeSync(log);
  try {
    await whenServing(`${baseURL}/healthz`, child, logFile, 120_000);
  } catch (error) {
    child.kill("SIGKILL");
    await database.drop();
    throw error;
  }
  return {
    baseURL,
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      });
      await database.drop();
    },
  };
}

/**
 * This server's database: a file in its folder, or on PostgreSQL a copy of the migrated template named
 * after the worker (a restarted worker gets a new one). The server seeds it at start either way.
 */
async function workerDatabase(dir: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (e2eEngine() === "sqlite") return { url: `file:${path.join(dir, "app.db")}`, drop: async () => {} };
  const admin = process.env.E2E_PG_ADMIN_URL;
  if (!admin) throw new Error("E2E_PG_ADMIN_URL is not set: e2e/global-setup.ts starts the PostgreSQL cluster");
  const name = `ax_e2e_w${process.env.TEST_WORKER_INDEX ?? 0}_${path.basename(dir).replace(/\W/g, "").toLowerCase()}`;
  const url = await createDatabaseFromTemplate(admin, name, PG_TEMPLATE);
  return { url, drop: () => dropDatabase(admin, name) };
}

/** This worker's server address (set by the worker's `appServer` fixture before its first test). */
export function baseURL(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error("E2E_BASE_URL is not set: use `test` from e2e/fixtures.ts");
  return url;
}
