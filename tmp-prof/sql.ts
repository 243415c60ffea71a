import { spawn } from "node:child_process";
import path from "node:path";
import { readFileSync } from "node:fs";
import { signIn, stopServer } from "../scripts/bench-http";
const dir = readFileSync("/tmp/prof-db", "utf8").trim();
const [page, who = "secretariat@msit.go.kr", nStr = "10"] = process.argv.slice(2);
const port = 41000 + Math.floor(Math.random() * 1000);
const child = spawn(process.execPath, [path.resolve("scripts/start.mjs")], {
  env: { ...process.env, PROF_SQL: "/tmp/sql.json", DATABASE_URL: `file:${path.join(dir, "app.db")}`, DATA_DIR: dir, PORT: String(port), HOST: "127.0.0.1" },
  stdio: ["ignore", "ignore", "inherit"],
});
const base = `http://127.0.0.1:${port}`;
for (;;) { try { if ((await fetch(base + "/login")).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const cookie = await signIn(base, who);
const n = Number(nStr);
for (let i = 0; i < n + 3; i++) await (await fetch(base + page, { headers: { cookie } })).text();
await stopServer(child);
const log: [string, number][] = JSON.parse(readFileSync("/tmp/sql.json", "utf8"));
const agg = new Map<string, [number, number]>();
for (const [sql, ms] of log) { const a = agg.get(sql) ?? [0, 0]; a[0]++; a[1] += ms; agg.set(sql, a); }
const rows = [...agg].sort((a, b) => b[1][1] - a[1][1]);
console.log("queries total", log.length, "distinct", agg.size, "per page ≈", (log.length / (n + 3)).toFixed(1), "ms total", log.reduce((s, [, m]) => s + m, 0).toFixed(1));
for (const [sql, [c, ms]] of rows.slice(0, 25)) console.log(String(c).padStart(4), (ms / c).toFixed(2).padStart(7), "ms", sql.slice(0, 230).replace(/\s+/g, " "));
