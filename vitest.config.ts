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
  },
});
