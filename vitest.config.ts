import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["app/**/*.test.ts", "workflows/**/*.test.ts", "scripts/**/*.test.ts", "server/**/*.test.ts"],
    environment: "node",
    setupFiles: ["./app/test/setup.ts"],
    // the machine's exhaustive enumeration takes ~14 s on a quiet 2-core machine, 35 s on a busy one
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    // vitest leaves one core to itself by default (one worker on a 2-core machine); its main process is idle
    // while the files run, so both cores run test files
    maxWorkers: Number(process.env.VITEST_WORKERS ?? 2),
  },
});
