/**
 * `npm run bench:audit [-- --events 1000000]`: inflates a temporary database with a chain of audit
 * events (batched raw inserts in transactions, real hashes, a signed checkpoint every 10,000 events)
 * and runs `npm run audit:verify` on it in its own process, printing the time and the peak RSS of
 * the verification (issue 11: under 300 MB at 1,000,000 events). Figures are printed, not asserted.
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

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

const sqlite = new Database(file);
const migrations = path.resolve("prisma", "migrations");
for (const folder of readdirSync(migrations).filter((d) => /^\d{14}_/.test(d)).sort()) {
  sqlite.exec(readFileSync(path.join(migrations, folder, "migration.sql"), "utf8"));
}
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = OFF"); // a throwaway database: speed over durability while inflating
sqlite.pragma("cache_size = -262144"); // 256 MB of page cache: the random hash index stays in memory

/** A spread of realistic payloads (the sizes of real workflow, edit and ledger events). */
function eventAt(i: number): { type: string; fromState: string | null; toState: string | null; payload: unknown } {
  switch (i % 6) {
    case 0: return { type: "SUBMIT", fromState: "draft", toState: "screening", payload: {} };
    case 1: return { type: "RETURN", fromState: "screening", toState: "revision", payload: { reasons: ["데이터 확보 계획이 구체적이지 않습니다.", "GPU 산정 근거를 첨부하세요."] } };
    case 2: return { type: "EDIT", fromState: "revision", toState: "revision", payload: { fields: ["gpusRequested", "title"], changes: { gpusRequested: { from: 128, to: 96 + (i % 50) }, title: { from: "AI 기반 업무 혁신 실증", to: `AI 기반 업무 혁신 실증 ${i}` } } } };
    case 3: return { type: "ACCEPT", fromState: "screening", toState: "jointPlanning", payload: { note: "공동계획 수립 착수" } };
    case 4: return { type: "ALLOCATE", fromState: "approved", toState: "allocated", payload: { gpus: 8, allocationId: `alloc${i}`, trancheId: "tranche-2026-02", startMonth: "2026-03", months: 12, conditionalAllowed: false } };
    default: return { type: "PLAN_SIGNED", fromState: "jointPlanning", toState: "jointPlanning", payload: { revision: 2, side: "MSIT", coSigned: true } };
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

const verifyStarted = performance.now();
let output = "";
let failed = false;
try {
  output = execFileSync(process.execPath, ["--import", "tsx", path.resolve("scripts", "audit-verify.ts")], { env: process.env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
} catch (error) {
  failed = true;
  output = `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
}
const wall = ((performance.now() - verifyStarted) / 1000).toFixed(1);
process.stdout.write(output.replace(/^/gm, "  audit:verify | "));
console.log(`audit verify over ${EVENTS.toLocaleString("en")} events: ${wall} s wall (process start included)`);
if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
