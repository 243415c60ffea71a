import { spawn } from "node:child_process";
import path from "node:path";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { signIn, stopServer } from "../scripts/bench-http";
const dir = readFileSync("/tmp/prof-db", "utf8").trim();
const port = 41500;
const child = spawn(process.execPath, [path.resolve("scripts/start.mjs")], {
  env: { ...process.env, PROF_SQL: "/tmp/sql.json", DATABASE_URL: `file:${path.join(dir, "app.db")}`, DATA_DIR: dir, PORT: String(port), HOST: "127.0.0.1" },
  stdio: ["ignore", "ignore", "inherit"],
});
const base = `http://127.0.0.1:${port}`;
for (;;) { try { if ((await fetch(base + "/login")).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const sec = await signIn(base, "secretariat@msit.go.kr");
const off = await signIn(base, "officer@mohw.go.kr");
const raw = new Database(path.join(dir, "app.db"), { readonly: true });
const r = raw.prepare(`SELECT id, version, state FROM DemandRequest WHERE id = 'bench-t-0'`).get() as any;
let { version, state } = r;
const N = 20;
for (let i = 0; i < N; i++) {
  const ret = state === "screening";
  const res = await fetch(`${base}/api/v1/requests/bench-t-0/events`, { method: "POST", headers: { cookie: ret ? sec : off, "content-type": "application/json" }, body: JSON.stringify(ret ? { type: "RETURN", expectedVersion: version, reasons: ["KPI 구체화"] } : { type: "RESUBMIT", expectedVersion: version }) });
  const body = await res.json() as any;
  if (res.status !== 200) { console.log(res.status, body); break; }
  version = body.version; state = body.state;
}
await stopServer(child);
const log: [string, number][] = JSON.parse(readFileSync("/tmp/sql.json", "utf8"));
const agg = new Map<string, [number, number]>();
for (const [sql, ms] of log) { const a = agg.get(sql) ?? [0, 0]; a[0]++; a[1] += ms; agg.set(sql, a); }
console.log("queries", log.length, "per event ≈", (log.length / N).toFixed(1));
for (const [sql, [c, ms]] of [...agg].sort((a, b) => b[1][0] - a[1][0]).slice(0, 30)) console.log(String(c).padStart(4), (ms / c).toFixed(2).padStart(6), sql.slice(0, 200).replace(/\s+/g, " "));
