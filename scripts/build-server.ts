/**
 * The second half of `npm run build` (ADR 0018): bundles the custom Express server (server/main.ts,
 * server/index.ts) into build/server/start.js so production runs on plain `node` — no TypeScript at run
 * time. Packages stay external (node_modules); the app itself is in build/server/index.js.
 */
import { build } from "esbuild";

await build({
  entryPoints: ["server/main.ts"],
  outfile: "build/server/start.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  banner: { js: "// built by scripts/build-server.ts from server/main.ts — do not edit" },
});
