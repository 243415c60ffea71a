import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { startSmtpSink } from "./e2e/smtp-sink";

// The config is evaluated in every worker: choose the port and database once, keep them in env.
if (!process.env.E2E_PORT) {
  const port = await new Promise<number>((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
  process.env.E2E_PORT = String(port);
  const dir = mkdtempSync(path.join(tmpdir(), "ax-e2e-"));
  process.env.E2E_DATA_DIR = dir;
  process.env.E2E_DATABASE_URL = `file:${path.join(dir, "app.db")}`;
  // a real SMTP server on loopback receives the app's notification e-mails (e2e/mail.ts reads them)
  process.env.E2E_MAIL_FILE = path.join(dir, "mails.jsonl");
  process.env.E2E_SMTP_PORT = String(await startSmtpSink(process.env.E2E_MAIL_FILE));
}
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // multi-role specs take 20 s on a quiet 2-core machine; the budget leaves room for a busy one
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "ko-KR",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    // the production path of `npm start` (builds when the sources are newer than the build)
    command: "node scripts/start.mjs",
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: process.env.E2E_PORT!,
      HOST: "127.0.0.1",
      DATABASE_URL: process.env.E2E_DATABASE_URL!,
      DATA_DIR: process.env.E2E_DATA_DIR!,
      SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}`,
      OUTBOX_INTERVAL_MS: "300",
    },
  },
});
