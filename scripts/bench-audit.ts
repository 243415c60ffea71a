/**
 * `npm run bench:audit [-- --events 1000000]`: inflates a temporary database with a chain of audit
 * events (batched raw inserts in transactions, real hashes, a signed checkpoint every 10,000 events)
 * and runs `npm run audit:verify` on it in its own process, printing the time and the peak RSS of
 * the verification (issue 11: under 300 MB at 1,000,000 events); then, when a production build
 * exists, starts the server on it and times `GET /api/v1/audit/verify` with the server's peak RSS.
 * Figures are printed, not asserted. `--events N`, `--keep` (leave the database), `--no-api`.
 */
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrateDatabase } from "./migrate";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg("events", 1_000_000);
const BATCH = 10_000;

const dir = mkdtempSync(path.join(tmpdir(), "ax-bench-audit-"));
const file = path.join(dir, "app.db");
process.env.DATA_DIR = dir;
process.env.DATABASE_URL = `file:${file}`;
const { auditHash, canonicalJson, GENESIS_HASH } = await import("../app/modules/audit/audit.server");
const { anchorKeyFrom, signCheckpoint, ANCHOR_FILE_NAME } = await import("../app/modules/audit/anchor.server");

migrateDatabase(); // prisma migrate deploy, so the server can later start on this database
const sqlite = new Database(file);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = OFF"); // a throwaway database: speed over durability while inflating
sqlite.pragma("cache_size = -262144"); // 256 MB of page cache: the random hash index stays in memory

/** A spread of realistic payloads (the sizes of real workflow, edit and ledger events). */
function eventAt(i: number): { type: string; fromState: string | null; toState: string | null; payload: unknown } {
  switch (i % 6) {
    case 0:
      return { type: "SUBMIT", fromState: "draft", toState: "screening", payload: {} };
    case 1:
      return {
        type: "RETURN",
        fromState: "screening",
        toState: "revision",
        payload: { reasons: ["데이터 확보 계획이 구체적이지 않습니다.", "GPU 산정 근거를 첨부하세요."] },
      };
    case 2:
      return {
        type: "EDIT",
        fromState: "revision",
        toState: "revision",
        payload: {
          fields: ["gpusRequested", "title"],
          changes: { gpusRequested: { from: 128, to: 96 + (i % 50) }, title: { from: "AI 기반 업무 혁신 실증", to: `AI 기반 업무 혁신 실증 ${i}` } },
        },
      };
    case 3:
      return { type: "ACCEPT", fromState: "screening", toState: "jointPlanning", payload: { note: "공동계획 수립 착수" } };
    case 4:
      return {
        type: "ALLOCATE",
        fromState: "approved",
        toState: "allocated",
        payload: { gpus: 8, allocationId: `alloc${i}`, trancheId: "tranche-2026-02", startMonth: "2026-03", months: 12, conditionalAllowed: false },
      };
    default:
      return { type: "PLAN_SIGNED", fromState: "jointPlanning", toState: "jointPlanning", payload: { revision: 2, side: "MSIT", coSigned: true } };
  }
}

const key = anchorKeyFrom(dir);
const anchorFile = path.join(dir, ANCHOR_FILE_NAME);
const insert = sqlite.prepare(
  `INSERT INTO "AuditEvent" ("seq", "requestId", "actorId", "type", "fromState", "toState", "payload", "at", "prevHash", "hash") VALUES (?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?)`,
);
const started = performance.now();
let prevHash = GENESIS_HASH;
const t0 = Date.parse("2026-02-01T00:00:00Z");
for (let from = 1; from <= EVENTS; from += BATCH) {
  sqlite.transaction(() => {
    for (let seq = from; seq < Math.min(from + BATCH, EVENTS + 1); seq++) {
      const e = eventAt(seq);
      const at = new Date(t0 + seq * 1000);
      const fields = { seq, requestId: null, actorId: null, type: e.type, fromState: e.fromState, toState: e.toState, payload: canonicalJson(e.payload), at };
      const hash = auditHash(prevHash, fields);
      // Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset
      insert.run(seq, e.type, e.fromState, e.toState, fields.payload, at.toISOString().replace("Z", "+00:00"), prevHash, hash);
      prevHash = hash;
      if (seq % BATCH === 0 || seq === EVENTS) appendFileSync(anchorFile, `${JSON.stringify(signCheckpoint(key, { seq, hash }))}\n`);
    }
  })();
}
sqlite.pragma("wal_checkpoint(TRUNCATE)");
sqlite.close();
const inflateSeconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`inflated ${EVENTS.toLocaleString("en")} chained audit events in ${inflateSeconds} s (${dir})`);

// 1. the script, exactly as `npm run audit:verify` runs it
const verifyStarted = performance.now();
let output = "";
let failed = false;
try {
  output = execFileSync("npm", ["run", "--silent", "audit:verify"], { env: process.env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
} catch (error) {
  failed = true;
  output = `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
}
const wall = ((performance.now() - verifyStarted) / 1000).toFixed(1);
process.stdout.write(output.replace(/^/gm, "  npm run audit:verify | "));
console.log(`audit:verify over ${EVENTS.toLocaleString("en")} events: ${wall} s wall (process start included)`);

// 2. the API, on the production build (when there is one): GET /api/v1/audit/verify as the secretariat
if (existsSync(path.resolve("build", "server", "index.js")) && !process.argv.includes("--no-api")) {
  failed = (await benchApi()) || failed;
} else {
  console.log("GET /api/v1/audit/verify: skipped (no build: run `npm run build` first)");
}

if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);

async function benchApi(): Promise<boolean> {
  const { seedOrganizationsAndUsers } = await import("../app/modules/seed/seed.server");
  const { db } = await import("../app/utils/db.server");
  await seedOrganizationsAndUsers();
  await db.$disconnect(); // the server's start migrates: no other connection may be open
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [path.resolve("scripts", "start.mjs")], {
    env: { ...process.env, SEED_DEMO: "0", COOKIE_SECURE: "0", SESSION_SECRET: "bench-audit-secret-0123456789abcdef", HOST: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0);
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/login`)).ok) break;
      } catch {
        if (i > 600 || server.exitCode !== null) throw new Error("the server did not start");
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email: "secretariat@msit.go.kr", password: "ax-demo-2026" }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const rssBefore = kb("VmRSS");
    const t = performance.now();
    const result = (await (await fetch(`${base}/api/v1/audit/verify`, { headers: { cookie } })).json()) as { ok: boolean; events: number };
    const seconds = ((performance.now() - t) / 1000).toFixed(1);
    console.log(
      `GET /api/v1/audit/verify over ${result.events?.toLocaleString("en")} events: ok=${result.ok} in ${seconds} s; server RSS ${(rssBefore / 1024).toFixed(0)} MB before, peak ${(kb("VmHWM") / 1024).toFixed(0)} MB (whole server process)`,
    );
    return !result.ok;
  } finally {
    server.kill("SIGKILL");
  }
}
