import { readFileSync, readdirSync } from "node:fs";
const dir = process.argv[2];
const file = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => dir + "/" + f)[0];
const p = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas; let total = 0;
const counts = new Map();
for (let i = 0; i < p.samples.length; i++) counts.set(p.samples[i], (counts.get(p.samples[i]) ?? 0) + (dt[i] ?? 0));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const fileSelf = new Map(); const fnSelf = new Map(); const incl = new Map();
for (const [id, t] of counts) {
  const n = byId.get(id); const cf = n.callFrame; total += t;
  if (cf.functionName === "(idle)" ) continue;
  const f = cf.url.replace(/.*node_modules\//, "nm/").replace(/.*\/build\//, "build/") || cf.functionName;
  fileSelf.set(f, (fileSelf.get(f) ?? 0) + t);
  const k = `${cf.functionName} ${f}:${cf.lineNumber}`; fnSelf.set(k, (fnSelf.get(k) ?? 0) + t);
  // inclusive per app function (build/server/index.js frames)
  const seen = new Set(); let cur = id;
  while (cur !== undefined) { const c = byId.get(cur).callFrame; if (c.url.includes("build/server/index.js")) { const kk = `${c.functionName}:${c.lineNumber}`; if (!seen.has(kk)) { seen.add(kk); incl.set(kk, (incl.get(kk) ?? 0) + t); } } cur = parent.get(cur); }
}
const idle = [...counts].filter(([id]) => byId.get(id).callFrame.functionName === "(idle)").reduce((s, [, t]) => s + t, 0);
console.log("total ms", (total / 1000).toFixed(0), "busy", ((total - idle) / 1000).toFixed(0));
const top = (m, k = 25) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).forEach(([n, t]) => console.log(((t / (total - idle)) * 100).toFixed(1).padStart(5) + "%", n));
console.log("--- by file"); top(fileSelf, 15);
console.log("--- by fn"); top(fnSelf, 30);
console.log("--- app inclusive"); top(incl, 40);
