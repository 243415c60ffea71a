/**
 * `npm run chaos [-- --rounds 8 --seed 42 --max-seconds 900 --no-build]`: crash-safety rounds.
 *
 * Builds the app, seeds a temporary instance (DATA_DIR in the temp folder, loopback only), then per
 * round: adds fresh GPU capacity and approved requests, fires concurrent workflow events,
 * allocations and uploads (some streamed slowly, so the kill lands inside them) through the API of
 * the production build, `kill -9`s the server at a random moment, restarts it (its start-up
 * recovery runs) and checks: `PRAGMA integrity_check`, the ledger (no tranche over capacity, its
 * counter equal to its live allocations, no request over its approved count), the audit chain with
 * its anchor (through the API and from this process), no temp files, every stored file with its row
 * and every row with its file, and every write the API acknowledged before the kill still there.
 * Prints each round and the rounds passed; exits 1 on any failure. Not part of `npm test` (slow).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const argValue = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ROUNDS = Number(argValue("rounds") ?? 8);
const MAX_SECONDS = Number(argValue("max-seconds") ?? 900);
const SEED = Number(argValue("seed") ?? Date.now() % 100_000);
const KEEP = process.argv.includes("--keep");
const PASSWORD = "ax-demo-2026";

// ---- a small seeded random source, so a failing round can be replayed ----
let state = SEED || 1;
const random = () => {
  state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
  return state / 2_147_483_648;
};
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(path.join(tmpdir(), "ax-chaos-"));
const dbFile = path.join(dir, "app.db");
process.env.DATA_DIR = dir;
process.env.DATABASE_URL = `file:${dbFile}`;
const started = Date.now();
const log = (line: string) => console.log(`[chaos ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${line}`);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

// ---- the server under test ----
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess | null = null;
let serverLog = "";

async function startServer(): Promise<string> {
  serverLog = "";
  const child = spawn(process.execPath, [path.resolve("scripts", "start.mjs")], {
    env: { ...process.env, SEED_DEMO: "0", COOKIE_SECURE: "0", SESSION_SECRET: "chaos-session-secret-0123456789abcdef", HOST: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (serverLog += d));
  child.stderr!.on("data", (d) => (serverLog += d));
  server = child;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      let lock = "free";
      try {
        const probe = new Database(dbFile, { timeout: 100 });
        probe.exec("BEGIN IMMEDIATE; ROLLBACK;");
        probe.close();
      } catch (error) {
        lock = String(error);
      }
      throw new Error(
        `server exited at start (${child.exitCode}; database held by ${JSON.stringify(holders())}; write lock: ${lock}):\n${serverLog.slice(0, 600)}`,
      );
    }
    try {
      if ((await fetch(`${base}/login`)).ok) return serverLog;
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
  throw new Error(`server did not answer within 120 s:\n${serverLog}`);
}

function killServer(signal: NodeJS.Signals): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

// ---- API clients (cookie session; Origin set as a browser would) ----
class Client {
  constructor(
    readonly email: string,
    private cookie = "",
  ) {}
  static async signIn(email: string) {
    const c = new Client(email);
    const res = await c.call("POST", "/api/v1/session", { email, password: PASSWORD });
    if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return c;
  }
  async call(method: string, url: string, body?: unknown, raw?: { body: BodyInit; contentType: string }) {
    const headers: Record<string, string> = { origin: base, accept: "application/json" };
    if (this.cookie) headers.cookie = this.cookie;
    let payload: BodyInit | undefined;
    if (raw) {
      headers["content-type"] = raw.contentType;
      payload = raw.body;
    } else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${base}${url}`, {
      method,
      headers,
      body: payload,
      ...(payload instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);
    const set = res.headers.getSetCookie();
    if (set.length) this.cookie = set.map((c) => c.split(";")[0]).join("; ");
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the chaos script reads whatever JSON the server answered
    let parsed: any = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed };
  }
}

const monthFromNow = (months: number) => {
  const d = new Date();
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
};
const intake = (title: string, email: string) => ({
  title,
  domain: "HEALTH",
  sector: "INDUSTRY",
  aiWork: "FINE_TUNING",
  gpusRequested: 32,
  problemStatement: "현장의 반복 업무가 많아 담당 인력이 본연의 업무에 집중하지 못하고 있습니다.",
  desiredStartMonth: monthFromNow(5),
  durationMonths: 12,
  dataReadiness: "READY",
  npuCapable: false,
  expectedOutcomes: "처리 시간 50% 단축",
  budgetKrw: 900_000_000,
  contactName: "담당자",
  contactEmail: email,
});
const pdfBytes = (kb: number, tag: string) => Buffer.concat([Buffer.from(`%PDF-1.7\n% ${tag}\n`), Buffer.alloc(kb * 1024, 0x20), Buffer.from("\n%%EOF\n")]);

function multipartBody(name: string, bytes: Buffer, slow: boolean): { body: BodyInit; contentType: string } {
  const boundary = `----chaos${Math.floor(random() * 1e12)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const all = Buffer.concat([head, bytes, tail]);
  const contentType = `multipart/form-data; boundary=${boundary}`;
  if (!slow) return { body: all, contentType };
  // (the name goes as raw UTF-8, as browsers send it)
  // streamed in pieces with pauses: a kill is likely to land while the server is writing the temp file
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset >= all.length) return controller.close();
      await sleep(between(20, 80));
      const next = Math.min(all.length, offset + 16 * 1024);
      controller.enqueue(new Uint8Array(all.subarray(offset, next)));
      offset = next;
    },
  });
  return { body, contentType };
}

// ---- what the API acknowledged before the kill (must survive it) ----
interface Acks {
  versions: Map<string, number>;
  uploads: Map<string, string>; // attachmentId -> requestId
  deleted: Set<string>;
  allocations: Set<string>;
  counts: Record<string, number>;
}

async function load(clients: Record<string, Client>, approved: string[], tranches: string[], acks: Acks, stop: { now: boolean }) {
  const drafts: string[] = [];
  const screening: string[] = [];
  const count = (k: string) => (acks.counts[k] = (acks.counts[k] ?? 0) + 1);
  const ack = (id: string, version: number) => acks.versions.set(id, Math.max(version, acks.versions.get(id) ?? 0));

  async function officerWork(officer: Client) {
    while (!stop.now) {
      const roll = random();
      if (roll < 0.3 || drafts.length === 0) {
        const res = await officer.call("POST", "/api/v1/requests", intake(`장애 시험 요청 ${between(1, 1e6)}`, officer.email));
        if (res.status === 201) {
          drafts.push(res.body.id);
          ack(res.body.id, res.body.version);
          count("created");
        }
      } else if (roll < 0.65) {
        const id = pick(drafts);
        const res = await officer.call(
          "POST",
          `/api/v1/requests/${id}/attachments`,
          undefined,
          multipartBody(`증빙-${between(1, 999)}.pdf`, pdfBytes(between(8, 400), id), random() < 0.4),
        );
        if (res.status === 201) {
          acks.uploads.set(res.body.id, id);
          count("uploaded");
          if (random() < 0.3) {
            const del = await officer.call("DELETE", `/api/v1/requests/${id}/attachments/${res.body.id}`);
            if (del.status === 204 || del.status === 200) {
              acks.deleted.add(res.body.id);
              count("deleted");
            }
          }
        }
      } else {
        const id = drafts.splice(Math.floor(random() * drafts.length), 1)[0];
        const current = await officer.call("GET", `/api/v1/requests/${id}`);
        if (current.status !== 200) continue;
        const res = await officer.call("POST", `/api/v1/requests/${id}/events`, { type: "SUBMIT", expectedVersion: current.body.version });
        if (res.status === 200) {
          ack(id, res.body.version);
          screening.push(id);
          count("events");
        }
      }
    }
  }

  async function secretariatWork(sec: Client) {
    while (!stop.now) {
      if (random() < 0.55 && approved.length && tranches.length) {
        const res = await sec.call("POST", "/api/v1/allocations", { requestId: pick(approved), trancheId: pick(tranches), gpus: between(1, 25) });
        if (res.status === 201) {
          acks.allocations.add(res.body.id ?? res.body.allocation?.id ?? "");
          count("allocated");
        } else if (res.status === 409) count("refused409");
      } else if (screening.length) {
        const id = screening.splice(Math.floor(random() * screening.length), 1)[0];
        const current = await sec.call("GET", `/api/v1/requests/${id}`);
        if (current.status !== 200) continue;
        const body =
          random() < 0.7
            ? { type: "ACCEPT", expectedVersion: current.body.version }
            : { type: "RETURN", reasons: ["근거 보완"], expectedVersion: current.body.version };
        const res = await sec.call("POST", `/api/v1/requests/${id}/events`, body);
        if (res.status === 200) {
          ack(id, res.body.version);
          count("events");
        }
      } else {
        await sleep(10);
      }
    }
  }

  const workers = [
    ...[clients.mohw, clients.mohw, clients.mnd, clients.mnd].map((c) => officerWork(c)),
    ...[clients.sec, clients.sec, clients.sec].map((c) => secretariatWork(c)),
  ].map((w) => w.catch(() => undefined)); // connection refused/reset once the server is killed
  await Promise.all(workers);
}

// ---- checks after the restart ----
function filesIn(d: string) {
  try {
    return readdirSync(d);
  } catch {
    return [];
  }
}

async function check(acks: Acks, sec: Client): Promise<string[]> {
  const problems: string[] = [];
  const sqlite = new Database(dbFile, { readonly: true });
  try {
    const integrity = sqlite.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") problems.push(`integrity_check: ${String(integrity)}`);
    for (const t of sqlite
      .prepare(
        `SELECT t."id", t."label", t."capacity", t."allocated", COALESCE((SELECT SUM(a."gpus") FROM "Allocation" a WHERE a."trancheId" = t."id" AND a."releasedAt" IS NULL), 0) AS live FROM "Tranche" t`,
      )
      .all() as { id: string; label: string; capacity: number; allocated: number; live: number }[]) {
      if (t.allocated > t.capacity) problems.push(`tranche ${t.label}: ${t.allocated} allocated over capacity ${t.capacity}`);
      if (t.allocated !== t.live) problems.push(`tranche ${t.label}: counter ${t.allocated} ≠ live allocations ${t.live}`);
    }
    for (const r of sqlite
      .prepare(
        `SELECT r."id", r."approvedGpus", SUM(a."gpus") AS live FROM "DemandRequest" r JOIN "Allocation" a ON a."requestId" = r."id" AND a."releasedAt" IS NULL GROUP BY r."id", r."approvedGpus"`,
      )
      .all() as { id: string; approvedGpus: number | null; live: number }[]) {
      if (r.approvedGpus === null || r.live > r.approvedGpus) problems.push(`request ${r.id}: ${r.live} GPUs allocated over approved ${r.approvedGpus}`);
    }
    const temp = filesIn(path.join(dir, "uploads-tmp"));
    if (temp.length) problems.push(`${temp.length} temp file(s) left in uploads-tmp: ${temp.slice(0, 3).join(", ")}`);
    const keys = new Set((sqlite.prepare(`SELECT "storageKey" FROM "Attachment"`).all() as { storageKey: string }[]).map((r) => r.storageKey));
    const stored = new Set(filesIn(path.join(dir, "attachments")));
    const orphans = [...stored].filter((f) => !keys.has(f));
    const missing = [...keys].filter((k) => !stored.has(k));
    if (orphans.length) problems.push(`${orphans.length} stored file(s) with no row`);
    if (missing.length) problems.push(`${missing.length} row(s) with no stored file`);
    const rows = new Set((sqlite.prepare(`SELECT "id" FROM "Attachment"`).all() as { id: string }[]).map((r) => r.id));
    // a delete the kill cut off after its commit (no answer came back) legitimately removed a row: its DETACH says so
    const detached = sqlite.prepare(`SELECT 1 FROM "AuditEvent" WHERE "type" = 'DETACH' AND "payload" LIKE ?`);
    const lostUploads = [...acks.uploads.keys()].filter((id) => !acks.deleted.has(id) && !rows.has(id) && !detached.get(`%"attachmentId":"${id}"%`));
    if (lostUploads.length) problems.push(`${lostUploads.length} acknowledged upload(s) gone`);
    const versions = sqlite.prepare(`SELECT "version" FROM "DemandRequest" WHERE "id" = ?`);
    for (const [id, v] of acks.versions) {
      const row = versions.get(id) as { version: number } | undefined;
      if (!row || row.version < v) problems.push(`request ${id}: acknowledged version ${v}, stored ${row?.version ?? "none"}`);
    }
    const allocation = sqlite.prepare(`SELECT 1 FROM "Allocation" WHERE "id" = ?`);
    const lostAllocations = [...acks.allocations].filter((id) => id && !allocation.get(id));
    if (lostAllocations.length) problems.push(`${lostAllocations.length} acknowledged allocation(s) gone`);
  } finally {
    sqlite.close();
  }
  const viaApi = await sec.call("GET", "/api/v1/audit/verify");
  if (viaApi.status !== 200 || viaApi.body?.ok !== true) problems.push(`GET /api/v1/audit/verify: ${viaApi.status} ${JSON.stringify(viaApi.body)}`);
  const { verifyAuditChain } = await import("../app/modules/audit/audit.server");
  const here = await verifyAuditChain();
  if (!here.ok) problems.push(`audit chain (this process): broken at #${here.brokenAt} (${here.reason})`);
  await releaseDatabase();
  return problems;
}

/**
 * This process lets go of the database between its own steps: the server's start runs
 * `prisma migrate deploy`, which fails (SQLITE_BUSY) while any other connection is open — Prisma's
 * and the lean read path's (ADR 0025), which the services it calls open too.
 */
async function releaseDatabase() {
  const { db } = await import("../app/utils/db.server");
  const { closeLeanRead } = await import("../app/utils/lean-read.server");
  await db.$disconnect();
  closeLeanRead();
}

// ---- fresh capacity and approved requests for each round (through the services, server idle) ----
async function prepareRound(round: number): Promise<{ approved: string[]; tranches: string[] }> {
  const { userByEmail, fileAndSubmit, send, cosignPlan, nextMeeting, lockMeeting, SECRETARIAT_EMAIL, CHAIR_EMAIL, MEMBER_EMAIL } =
    await import("../app/modules/seed/drive.server");
  const { addToAgenda } = await import("../app/modules/meetings/meetings.server");
  const { createTranche, getPool, setPoolTotal } = await import("../app/modules/pool/tranches.server");
  const { koreanDayFromToday } = await import("../app/utils/clock");
  const { flushAuditAnchor } = await import("../app/modules/audit/anchor.server");
  const [sec, admin, chair, member] = await Promise.all([SECRETARIAT_EMAIL, "admin@ax.go.kr", CHAIR_EMAIL, MEMBER_EMAIL].map(userByEmail));
  const pool = await getPool({ user: admin });
  await setPoolTotal({ user: admin, totalGpus: pool.totalGpus + 200 });
  const tranches = [];
  for (const i of [1, 2]) {
    tranches.push(
      (
        await createTranche({
          user: admin,
          input: { label: `장애 시험 ${round}-${i}`, arrivalMonth: monthFromNow(1), capacity: 100, gpuModel: "NVIDIA B200", resourceKind: "GPU" },
        })
      ).id,
    );
  }
  const approved = [];
  for (const email of ["officer@mohw.go.kr", "officer@mnd.go.kr", "officer@mohw.go.kr"]) {
    const officer = await userByEmail(email);
    const id = await fileAndSubmit(officer, { title: `장애 시험 승인 요청 ${round}`, gpusRequested: 80 });
    await send(sec, id, { type: "ACCEPT" });
    await cosignPlan(id, officer, sec, 80);
    const meeting = await nextMeeting(sec, koreanDayFromToday(0)); // held today: its decision can be recorded now
    await addToAgenda({ user: sec, meetingId: meeting.id, requestId: id });
    await lockMeeting(sec, meeting.id);
    await send(sec, id, { type: "DECIDE", outcome: "approve", approvedGpus: 70, conditions: [] });
    await send(chair, id, { type: "SIGN" });
    await send(member, id, { type: "SIGN" });
    approved.push(id);
  }
  await flushAuditAnchor();
  await releaseDatabase();
  return { approved, tranches };
}

// ---- the run ----
let exitCode = 0;
try {
  log(`seed ${SEED}, ${ROUNDS} rounds, instance in ${dir}`);
  if (!process.argv.includes("--no-build")) {
    log("building (react-router build)…");
    execFileSync(path.resolve("node_modules", ".bin", "react-router"), ["build"], { stdio: ["ignore", "ignore", "inherit"] });
  }
  execFileSync(process.execPath, ["--import", "tsx", path.resolve("scripts", "seed.ts")], { env: process.env, stdio: ["ignore", "ignore", "inherit"] });
  log("demo data seeded; starting the production build");
  await startServer();
  let passed = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    if ((Date.now() - started) / 1000 > MAX_SECONDS) {
      log(`time budget of ${MAX_SECONDS} s spent: stopping before round ${round}`);
      break;
    }
    const { approved, tranches } = await prepareRound(round);
    const clients = {
      mohw: await Client.signIn("officer@mohw.go.kr"),
      mnd: await Client.signIn("officer@mnd.go.kr"),
      sec: await Client.signIn("secretariat@msit.go.kr"),
    };
    const acks: Acks = { versions: new Map(), uploads: new Map(), deleted: new Set(), allocations: new Set(), counts: {} };
    const stop = { now: false };
    const running = load(clients, approved, tranches, acks, stop);
    const killAfter = between(400, 3500);
    await sleep(killAfter);
    const tempBefore = filesIn(path.join(dir, "uploads-tmp")).length;
    await killServer("SIGKILL");
    stop.now = true;
    await running;
    const startLog = await startServer();
    const recovered = /Attachment storage reconciled after a crash: (\{.*\})/.exec(startLog)?.[1] ?? "nothing to repair";
    const sec = await Client.signIn("secretariat@msit.go.kr");
    const problems = await check(acks, sec);
    const acked = Object.entries(acks.counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
    if (problems.length === 0) {
      passed++;
      log(
        `round ${round}: PASS — kill -9 after ${killAfter} ms (${tempBefore} upload(s) in flight); acknowledged: ${acked || "none"}; start-up repaired: ${recovered}`,
      );
    } else {
      exitCode = 1;
      log(`round ${round}: FAIL — kill -9 after ${killAfter} ms; acknowledged: ${acked}; start-up: ${recovered}`);
      for (const p of problems) log(`    ${p}`);
    }
  }
  await killServer("SIGTERM");
  const ran = Math.min(ROUNDS, passed + (exitCode ? 1 : 0));
  log(`${passed}/${ROUNDS} rounds passed${ran < ROUNDS && !exitCode ? " (time budget)" : ""}`);
  if (passed < ROUNDS) exitCode = 1;
} catch (error) {
  exitCode = 1;
  console.error("chaos run failed:", error);
  await killServer("SIGKILL");
} finally {
  const { db } = await import("../app/utils/db.server");
  await db.$disconnect();
  if (!KEEP && exitCode === 0) rmSync(dir, { recursive: true, force: true });
  else log(`instance kept in ${dir}`);
}
process.exit(exitCode);

function holders() {
  const out: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (target.startsWith(dbFile)) out.push(`${pid}${pid === String(process.pid) ? "(chaos)" : ""}:${target}`);
      }
    } catch {
      // gone
    }
  }
  return out;
}
