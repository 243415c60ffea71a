import { spawn } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import { prepare, signIn, stopServer } from "../scripts/bench-http";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";

const dir = process.env.PROF_DB ?? (await prepare(100_000)).dir;
writeFileSync("/tmp/prof-db", dir);
const pages = process.argv.slice(2);
for (const page of pages) {
  const port = 40000 + Math.floor(Math.random() * 1000);
  const out = `/tmp/prof/${page.replace(/[^a-z0-9]/gi, "_")}`;
  mkdirSync(out, { recursive: true });
  const child = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${out}`, path.resolve("scripts/start.mjs")], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "app.db")}`, DATA_DIR: dir, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) { try { if ((await fetch(base + "/login")).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
  const cookie = page.startsWith("officer:") ? await signIn(base, "officer@mohw.go.kr") : await signIn(base, "secretariat@msit.go.kr");
  const url = page.replace(/^officer:/, "");
  const r = await autocannon({ url: base + url, connections: 10, duration: 6, headers: { cookie } });
  console.log(page, "req/s", r.requests.average, "non2xx", r.non2xx);
  await stopServer(child);
}
process.exit(0);
