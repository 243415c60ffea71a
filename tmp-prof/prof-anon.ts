import { spawn } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import { mkdirSync, readFileSync } from "node:fs";
import { stopServer } from "../scripts/bench-http";
const dir = readFileSync("/tmp/prof-db", "utf8").trim();
const out = "/tmp/prof/login"; mkdirSync(out, { recursive: true });
const port = 41600;
const child = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${out}`, path.resolve("scripts/start.mjs")], {
  env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "app.db")}`, DATA_DIR: dir, PORT: String(port), HOST: "127.0.0.1" }, stdio: ["ignore", "ignore", "inherit"] });
const base = `http://127.0.0.1:${port}`;
for (;;) { try { if ((await fetch(base + "/login")).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
await autocannon({ url: base + "/login", connections: 20, duration: 3 });
const r = await autocannon({ url: base + "/login", connections: 20, duration: 8 });
console.log("req/s", r.requests.average);
await stopServer(child);
