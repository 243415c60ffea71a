import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

/**
 * Two workers, each with its own production server, database and mail sink (e2e/app-server.ts,
 * started by the worker fixture in e2e/fixtures.ts); e2e/global-setup.ts builds once before them.
 * Specs own their data, so the order and the split between workers do not matter. No retries: a
 * flaky test is a failing test.
 * The browser is Debian's: its headless shell (`chromium-headless-shell`, what Playwright itself runs
 * headless) when installed, as `.ci/run` does, else the full Chromium; `CHROMIUM_PATH` chooses another.
 */
const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
const chromium = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium");

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  // multi-role specs take 20 s on a quiet 2-core machine; the budget leaves room for a busy one
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    locale: "ko-KR",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
