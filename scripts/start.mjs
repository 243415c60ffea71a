// `npm start` (ADR 0018): builds when the build is missing or older than the sources, then runs the
// production server (build/server/start.js) in this process — React production mode, plain `node`.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const entry = path.resolve("build", "server", "start.js");
const SOURCES = [
  "app",
  "server",
  "workflows",
  "public",
  "package.json",
  "react-router.config.ts",
  "vite.config.ts",
  "scripts/migrate.ts",
  "scripts/prisma-cli.ts",
];

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const name of readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

const built = existsSync(entry) && existsSync(path.resolve("build", "server", "index.js")) ? statSync(entry).mtimeMs : 0;
if (built === 0 || SOURCES.some((s) => newest(path.resolve(s)) > built)) {
  console.log(built === 0 ? "No build found: building (npm run build)…" : "Sources changed since the last build: building (npm run build)…");
  execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "build", "--silent"], { stdio: "inherit" });
}
if (process.argv.includes("--build-only")) process.exit(0); // e2e/global-setup.ts: build, do not serve
process.env.NODE_ENV = "production"; // before React and React Router load
await import(pathToFileURL(entry).href);
