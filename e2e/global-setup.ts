/** Builds the app once (when the build is missing or older than the sources) before the workers start their servers. */
import { execFileSync } from "node:child_process";

export default function globalSetup() {
  execFileSync(process.execPath, ["scripts/start.mjs", "--build-only"], { stdio: "inherit" });
}
