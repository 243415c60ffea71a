/**
 * Throughput benchmark of the production server (issue 11): for each size (default 1,000 and 100,000
 * requests) a scratch database is seeded with the demo data by the production start itself
 * (`node scripts/start.mjs`), inflated with cloned requests (raw SQL inserts; their sizes vary, so the
 * screening checks differ row by row as real ones do), one request given 2,000
 * chained history events, and a batch of screening requests set aside for the workflow run. Then the
 * production server is started on 127.0.0.1 for each size, all at once, and every page is loaded with
 * autocannon (20 connections, a few seconds each), the sizes in turn page by page and in several rounds
 * (ADR 0060): whatever else the machine does while the bench runs falls on every size alike, not on the
 * one measured then. Then `/pool` once more while 5 clients commit (an event each every 100 ms): the pages
 * above are viewed with nothing committed meanwhile, so their documents are kept (ADR 0062); here they
 * are rendered again after every commit. Last, 50 concurrent HTTP clients each move their own request round the
 * screening loop (secretariat RETURN, officer RESUBMIT, with the expected version) and the successes
 * are compared with the new audit events. Prints one table with the sizes side by side.
 * Bounded: fixed durations, fixed row counts, localhost only. Figures are printed, never asserted.
 *
 * On PostgreSQL (`DATABASE_URL=postgresql://127.0.0.1…`, or `--pg` for a throwaway cluster;
 * scripts/bench-pg.ts) each size gets a scratch database `ax_bench_<size>` on that server, filled with
 * set-based SQL, and the same pages are then loaded a second time through two instances on that one
 * database (as `npm run test:pg:instances` starts them: shared DATA_DIR, so one session secret), the
 * connections split between them, and the workflow clients alternating between them.
 *
 * Options: --sizes 1000,100000  --duration 4 (seconds measured per page and size, split over the rounds)
 *   --rounds 2  --warmup 1 (seconds of load, not counted, on each page in a first round over all pages, and
 *   again before each measured piece, on the same connections)  --keep (leave the databases)  --pg
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { readFileSync } from "node:fs";
import { createServer as netServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { auditHash, canonicalJson } from "../app/modules/audit/audit.server";
import { RECOUNT_STATE_COUNTS_SQL } from "../app/modules/requests/state-counts.sql";
import { recountStayTotalsSql } from "../app/modules/stats/stay-totals.sql";
import { benchPgServer, inflatePostgres, pgRows, type PgServer } from "./bench-pg";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SIZES = (arg("sizes") ?? "1000,100000").split(",").map(Number);
const DURATION = Number(arg("duration") ?? 4);
const WARMUP = Number(arg("warmup") ?? 1);
const ROUNDS = Math.max(1, Math.round(Number(arg("rounds") ?? 2)));
const CONNECTIONS = 20;
const WORKFLOW_CLIENTS = 50;
const WORKFLOW_SECONDS = 5;
const WORKFLOW_BATCH = 50; // one screening request per workflow client (RETURN and RESUBMIT in turn)
const COMMITTING_CLIENTS = 5; // while /pool is loaded: each an event every COMMIT_PACE_MS
const COMMIT_PACE_MS = 100;
const HISTORY_EVENTS = 2_000;
const PASSWORD = "ax-demo-2026";
const SECRETARIAT = "secretariat@msit.go.kr";
const OFFICER = "officer@mohw.go.kr";

interface Row {
  page: string;
  rps: number;
  p95: number;
  p50: number;
  errors: number;
  cpuMs: number;
}
interface WorkflowResult {
  perSecond: number;
  successes: number;
  failures: number;
  auditEvents: number;
  cpuMs: number;
}
/** `/pool` loaded while a few clients commit (ADR 0062: every commit is a new version of every kept document). */
interface CommittingResult {
  row: Row;
  commitsPerSecond: number;
  refused: number;
}
interface Measured {
  rows: Row[];
  committing: CommittingResult;
  workflow: WorkflowResult;
}
interface SizeResult extends Measured {
  size: number;
  instances?: Measured;
  prepareSeconds: number;
}
/** A scratch database of one size: its folder (DATA_DIR; the SQLite file) and its DATABASE_URL. */
interface Target {
  size: number;
  dir: string;
  databaseUrl: string;
  historyRequestId: string;
  drop(): Promise<void>;
}

let pgServer: PgServer | null = null;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = netServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer(dir: string, databaseUrl = `file:${path.join(dir, "app.db")}`): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // BENCH_NODE_ARGS: extra node options for the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.resolve("scripts", "start.mjs")], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dir, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      if ((await fetch(`${base}/login`)).ok) return { base, child };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not start within 180 s");
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM"); // graceful: flushes the audit anchor, closes the database
  await exited;
}

/** The demo database (seeded by the production start) inflated to `size` requests. */
export async function prepare(size: number): Promise<Target> {
  const dir = mkdtempSync(path.join(tmpdir(), `ax-bench-${size}-`));
  if (pgServer) {
    const server = pgServer;
    const name = `ax_bench_${size}`;
    const databaseUrl = await server.createDatabase(name);
    const { child } = await startServer(dir, databaseUrl); // seeds the demo data (demo mode)
    await stopServer(child);
    const inflate = { size, workflowBatch: WORKFLOW_BATCH, historyEvents: HISTORY_EVENTS, officerEmail: OFFICER };
    const { historyRequestId } = await inflatePostgres(databaseUrl, inflate);
    return { size, dir, databaseUrl, historyRequestId, drop: () => server.dropDatabase(name) };
  }
  const { child } = await startServer(dir); // migrates and seeds the demo data (demo mode)
  await stopServer(child);

  const raw = new Database(path.join(dir, "app.db"));
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF"); // a scratch database: speed over durability while inflating
  type Template = Record<string, unknown> & { id: string; state: string; reference: string | null; title: string | null; organizationId: string };
  const templates = raw
    .prepare("SELECT * FROM DemandRequest WHERE state IN ('draft', 'screening', 'revision', 'jointPlanning', 'withdrawn', 'rejected') ORDER BY createdAt")
    .all() as Template[];
  const ministries = (raw.prepare("SELECT id FROM Organization WHERE kind = 'MINISTRY' ORDER BY code").all() as { id: string }[]).map((o) => o.id);
  const screeningTemplate = templates.find((t) => t.state === "screening")!;
  const columns = Object.keys(templates[0]);
  const insert = raw.prepare(`INSERT INTO DemandRequest (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`);
  const existing = (raw.prepare("SELECT COUNT(*) AS n FROM DemandRequest").get() as { n: number }).n;
  const workflowBatch = Math.min(WORKFLOW_BATCH, Math.max(0, size - existing));
  const clones = Math.max(0, size - existing - workflowBatch);
  const yearAgo = Date.now() - 365 * 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
  raw.transaction(() => {
    for (let i = 0; i < clones; i++) {
      const t = templates[i % templates.length];
      const at = iso(yearAgo + Math.floor((i / clones) * 360 * 86_400_000));
      insert.run({
        ...t,
        id: `bench-${i}`,
        reference: t.reference ? `AX-2025-${String(i).padStart(6, "0")}` : null,
        title: t.title ? `${t.title} ${i}` : null,
        organizationId: ministries[i % ministries.length],
        // sizes vary, as real requests' do: each screening row's checks differ (bench-pg.ts the same)
        gpusRequested: t.gpusRequested === null ? null : 8 + ((i * 37) % 600),
        durationMonths: t.durationMonths === null ? null : 3 + (i % 22),
        createdAt: at,
        updatedAt: at,
        submittedAt: t.submittedAt ? at : null,
      });
    }
    // the workflow batch: screening requests of the template's ministry (its snapshot names it)
    for (let i = 0; i < workflowBatch; i++) {
      const at = iso(yearAgo + i * 1000);
      insert.run({
        ...screeningTemplate,
        id: `bench-t-${i}`,
        reference: `AX-2024-${String(i).padStart(6, "0")}`,
        title: `처리량 측정 ${i}`,
        createdAt: at,
        updatedAt: at,
        submittedAt: at,
      });
    }
  })();

  // one request with 2,000 history events, appended to the hash chain like real ones
  const historyRequestId = screeningTemplate.id;
  const actor = (raw.prepare("SELECT id FROM User WHERE email = ?").get(OFFICER) as { id: string }).id;
  const head = raw.prepare("SELECT seq, hash FROM AuditEvent ORDER BY seq DESC LIMIT 1").get() as { seq: number; hash: string };
  const addEvent = raw.prepare(
    "INSERT INTO AuditEvent (seq, requestId, actorId, type, fromState, toState, payload, at, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  raw.transaction(() => {
    let prev = head.hash;
    const t0 = Date.now() - HISTORY_EVENTS * 60_000;
    for (let k = 1; k <= HISTORY_EVENTS; k++) {
      const seq = head.seq + k;
      const at = new Date(t0 + k * 60_000);
      const payload = canonicalJson({ fields: ["title"], changes: { title: { from: `제목 ${k - 1}`, to: `제목 ${k}` } } });
      const fields = { seq, requestId: historyRequestId, actorId: actor, type: "EDIT", fromState: "screening", toState: "screening", payload, at };
      const hash = auditHash(prev, fields);
      addEvent.run(seq, historyRequestId, actor, "EDIT", "screening", "screening", payload, at.toISOString().replace("Z", "+00:00"), prev, hash);
      prev = hash;
    }
  })();
  for (const sql of RECOUNT_STATE_COUNTS_SQL) raw.exec(sql); // rows inserted around the services
  for (const sql of recountStayTotalsSql("sqlite")) raw.exec(sql); // and the time-in-state totals (ADR 0054)
  raw.pragma("wal_checkpoint(TRUNCATE)");
  raw.exec("ANALYZE");
  raw.close();
  return { size, dir, databaseUrl: `file:${path.join(dir, "app.db")}`, historyRequestId, drop: async () => {} };
}

/** Rows of one read on the target's database, either engine (portable SQL, `?` placeholders). */
async function readRows<T>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    let n = 0;
    return pgRows<T>(
      databaseUrl,
      sql.replace(/\?/g, () => `$${++n}`),
      params,
    );
  }
  const raw = new Database(databaseUrl.replace(/^file:/, ""), { readonly: true });
  try {
    return raw.prepare(sql).all(...params) as T[];
  } finally {
    raw.close();
  }
}

export async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 204 && res.status !== 200) throw new Error(`sign-in ${email}: HTTP ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

/**
 * CPU time (user + system, ms) the server process has used so far — Linux /proc only, else NaN. Per
 * answer it is a figure that a machine shared with other work distorts far less than req/s does.
 */
export function serverCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
      .replace(/^.*\) /, "")
      .split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** WARMUP seconds of load on each page in turn, over all servers, nothing counted. */
async function warmUp(servers: { base: string }[], pages: [string, string, string | null][]) {
  for (const [, page, cookie] of pages)
    await Promise.all(
      servers.map(({ base }) =>
        autocannon({ url: base + page, connections: CONNECTIONS / servers.length, duration: WARMUP, headers: cookie ? { cookie } : {} }),
      ),
    );
}

/** What the measured pieces of one page on one size gave, added up over the rounds. */
interface Samples {
  times: number[];
  errors: number;
  seconds: number;
  cpuMs: number;
}

const noSamples = (): Samples => ({ times: [], errors: 0, seconds: 0, cpuMs: 0 });

/**
 * Loads `page` with CONNECTIONS connections, split evenly over the servers: WARMUP seconds not counted,
 * then `seconds` measured on the same connections (the server's steady state: JIT-compiled paths, warm
 * caches, connections open; not a burst of new connections, which Node's server takes in one per turn
 * of its loop). The measured piece is added to `into`.
 */
async function load(servers: { base: string; pid?: number }[], page: string, cookie: string | null, seconds: number, into: Samples) {
  for (const { base } of servers) {
    // a pooled keep-alive socket may have been closed by the server meanwhile: one retry
    const get = () => fetch(base + page, { headers: cookie ? { cookie } : {} });
    const warm = await get().catch(get);
    if (warm.status !== 200) throw new Error(`${page}: HTTP ${warm.status}`);
    await warm.arrayBuffer();
  }
  const cpu = () => servers.reduce((sum, s) => sum + serverCpuMs(s.pid), 0);
  let measuring = false;
  let started = 0;
  let cpu0 = 0;
  const warmUpOver = setTimeout(() => {
    measuring = true;
    started = performance.now();
    cpu0 = cpu();
  }, WARMUP * 1000);
  const times: number[] = [];
  let errors = 0;
  const results = await Promise.all(
    servers.map(({ base }) => {
      const connections = CONNECTIONS / servers.length;
      const instance = autocannon({ url: base + page, connections, duration: WARMUP + seconds, headers: cookie ? { cookie } : {} });
      instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
        if (!measuring) return;
        if (status === 200) times.push(ms);
        else errors++;
      });
      return instance;
    }),
  );
  clearTimeout(warmUpOver);
  if (!measuring) throw new Error(`${page}: the warm-up never ended`);
  into.seconds += (performance.now() - started) / 1000;
  into.cpuMs += cpu() - cpu0;
  into.times.push(...times);
  into.errors += errors;
  for (const result of results) into.errors += result.errors + result.timeouts; // over the whole run, warm-up included
}

function row(page: string, samples: Samples): Row {
  const times = [...samples.times].sort((a, b) => a - b);
  const answers = times.length + samples.errors;
  return {
    page,
    rps: times.length / samples.seconds,
    p95: percentile(times, 95),
    p50: percentile(times, 50),
    errors: samples.errors,
    cpuMs: samples.cpuMs / Math.max(1, answers),
  };
}

/**
 * 50 clients, each moving its own screening request round the loop for a fixed time (after WARMUP seconds
 * of the same, not counted): RETURN by the
 * secretariat (screening → revision), RESUBMIT by the officer (revision → screening). With several
 * servers, client i talks to server i mod n (a request left in revision by an earlier run starts with RESUBMIT).
 */
/** A client moving its own screening request round the loop: where the request stands. */
interface LoopClient {
  id: string;
  version: number;
  returned: boolean;
  base: string;
  stopped: boolean;
}

/** Up to `count` clients, each with its own screening request (client i on server i mod n), as the database has them now. */
async function loopClients(servers: { base: string }[], databaseUrl: string, count: number): Promise<LoopClient[]> {
  const requests = await readRows<{ id: string; version: number; state: string }>(
    databaseUrl,
    `SELECT "id", "version", "state" FROM "DemandRequest" WHERE "id" LIKE 'bench-t-%' AND "state" IN ('screening', 'revision') ORDER BY "id"`,
  );
  return requests.slice(0, count).map(({ id, version, state }, i) => ({
    id,
    version,
    returned: state === "revision",
    base: servers[i % servers.length].base,
    stopped: false,
  }));
}

/**
 * One event on the client's request: RETURN by the secretariat, or RESUBMIT by the officer after one; true
 * when accepted. A refusal or no answer stops the client: its request is in an unknown state, and it
 * stops rather than guess.
 */
async function moveOnce(c: LoopClient, cookies: { secretariat: string; officer: string }): Promise<boolean> {
  const body = c.returned
    ? { type: "RESUBMIT", expectedVersion: c.version }
    : { type: "RETURN", reasons: ["처리량 측정: 보완 요청"], expectedVersion: c.version };
  try {
    const res = await fetch(`${c.base}/api/v1/requests/${c.id}/events`, {
      method: "POST",
      headers: { "Content-Type": "application/json", cookie: c.returned ? cookies.officer : cookies.secretariat },
      body: JSON.stringify(body),
    });
    const answer = (await res.json().catch(() => null)) as { version?: number } | null;
    if (!res.ok) {
      c.stopped = true;
      return false;
    }
    c.version = answer?.version ?? c.version + 1;
    c.returned = !c.returned;
    return true;
  } catch {
    c.stopped = true; // no answer: counted as refused (the audit count shows whether it was written)
    return false;
  }
}

export async function workflow(servers: { base: string; pid?: number }[], cookies: { secretariat: string; officer: string }, databaseUrl: string) {
  const countEvents = async () =>
    Number(
      (
        await readRows<{ n: number | string }>(
          databaseUrl,
          `SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "type" IN ('RETURN', 'RESUBMIT') AND "requestId" LIKE 'bench-t-%'`,
        )
      )[0].n,
    );
  // each client's request and where it stands, carried from the warm-up into the measured run
  const clients = await loopClients(servers, databaseUrl, WORKFLOW_CLIENTS);
  /** Every client round its loop for `seconds`; the successes and failures. */
  const drive = async (seconds: number) => {
    let successes = 0;
    let failures = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      clients.map(async (c) => {
        while (!c.stopped && performance.now() < until) {
          if (await moveOnce(c, cookies)) successes++;
          else failures++;
        }
      }),
    );
    return { successes, failures };
  };
  // WARMUP seconds first, not counted, as every page has: the event's code is compiled before it is measured
  const warm = await drive(WARMUP);
  const before = await countEvents();
  const started = performance.now();
  const cpu = () => servers.reduce((sum, s) => sum + serverCpuMs(s.pid), 0);
  const cpu0 = cpu();
  const { successes, failures: measuredFailures } = await drive(WORKFLOW_SECONDS);
  const failures = warm.failures + measuredFailures; // a client stopped in the warm-up is a failure too
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = (cpu() - cpu0) / Math.max(1, successes + measuredFailures);
  const auditEvents = (await countEvents()) - before;
  return { perSecond: successes / seconds, successes, failures, auditEvents, cpuMs };
}

/**
 * `/pool` under the same load as the pages, while COMMITTING_CLIENTS of the workflow's clients each move
 * their request an event every COMMIT_PACE_MS: the pages above are viewed with nothing committed
 * meanwhile, so their documents are kept (ADR 0062); here every commit makes the next view render again.
 */
async function whileCommitting(side: Side): Promise<CommittingResult> {
  const clients = await loopClients(side.servers, side.target.databaseUrl, COMMITTING_CLIENTS);
  let stop = false;
  let commits = 0;
  let refused = 0;
  const started = performance.now();
  const driving = clients.map(async (c) => {
    while (!stop && !c.stopped) {
      if (await moveOnce(c, side.cookies)) commits++;
      else refused++;
      await new Promise((resolve) => setTimeout(resolve, COMMIT_PACE_MS));
    }
  });
  const samples = noSamples();
  try {
    await load(side.servers, "/pool", side.cookies.secretariat, DURATION, samples);
  } finally {
    stop = true;
    await Promise.all(driving);
  }
  const commitsPerSecond = commits / ((performance.now() - started) / 1000);
  return {
    row: row(`secretariat /pool while ${COMMITTING_CLIENTS} clients commit (each an event every ${COMMIT_PACE_MS} ms)`, samples),
    commitsPerSecond,
    refused,
  };
}

type Case = [page: string, url: string, cookie: string | null];

function cases(officer: string, secretariat: string, historyRequestId: string): Case[] {
  const q = encodeURIComponent("AI");
  return [
    ["/login (no data)", "/login", null],
    ["officer /requests", "/requests", officer],
    ["officer /", "/", officer],
    ["secretariat /requests", "/requests", secretariat],
    ["secretariat /requests?state=screening", "/requests?state=screening", secretariat],
    ["secretariat /screening", "/screening", secretariat],
    // how people mostly reach a page: a client navigation fetches its data, not a document (an island travels in it, ADR 0052)
    ["secretariat /screening, a client navigation's data", "/screening.data", secretariat],
    ["secretariat /", "/", secretariat],
    ["secretariat /pool", "/pool", secretariat],
    ["secretariat /meetings", "/meetings", secretariat],
    ["secretariat /dashboard", "/dashboard", secretariat],
    // searches (ADR 0011, 0032): one thing (a reference number, 3+ characters: the trigram index; one hit
    // at every size, where `777` was one at 1,000 and a full page at 100,000, ADR 0060), a ministry's name (a
    // common word: one document in ten), two-letter words (too short for trigrams), in everyone's scope
    // and in a ministry's
    ["secretariat /api/v1/search?q=AX-2026-0004", "/api/v1/search?q=AX-2026-0004", secretariat],
    ["secretariat /api/v1/search?q=해양수산부", `/api/v1/search?q=${encodeURIComponent("해양수산부")}`, secretariat],
    [`secretariat /api/v1/search?q=AI`, `/api/v1/search?q=${q}`, secretariat],
    ["officer /api/v1/search?q=의료", `/api/v1/search?q=${encodeURIComponent("의료")}`, officer],
    [`secretariat request page (${HISTORY_EVENTS.toLocaleString("en-US")} history events)`, `/requests/${historyRequestId}`, secretariat],
    ["secretariat request page, a client navigation's data", `/requests/${historyRequestId}.data`, secretariat],
    ["secretariat GET /api/v1/requests", "/api/v1/requests", secretariat],
  ];
}

/** One size under test: its database, the servers on it, and the sessions made on the first of them. */
interface Side {
  target: Target;
  servers: { base: string; pid?: number }[];
  cookies: { secretariat: string; officer: string };
}

/**
 * Every page on every side, then each side's workflow run. Page by page, the sides are measured in turn
 * (the order reversed every other round), ROUNDS times over all pages, and each side's pieces of a page
 * are added up: a stretch of time when the machine is busy with something else falls on all sizes and
 * all pages alike, where measuring one size after the other put it on one size only (ADR 0060).
 */
async function measure(sides: Side[], label: string): Promise<Measured[]> {
  const casesOf = sides.map((s) => cases(s.cookies.officer, s.cookies.secretariat, s.target.historyRequestId));
  // one round over every page first, not counted: the code all pages share (React Router, React, the
  // session, the layout) is compiled before any page is measured, as on a server that has been up a
  // while — else the first pages measured (`/login` first of all) pay for the JIT the later ones use
  for (const [i, side] of sides.entries()) await warmUp(side.servers, casesOf[i]);
  const samples = sides.map(() => casesOf[0].map(noSamples));
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...sides.keys()];
    if (round % 2 === 1) order.reverse();
    for (let c = 0; c < casesOf[0].length; c++) {
      for (const i of order) {
        const [, url, cookie] = casesOf[i][c];
        await load(sides[i].servers, url, cookie, DURATION / ROUNDS, samples[i][c]);
      }
      process.stderr.write(`  round ${round + 1} of ${ROUNDS}${label}: ${casesOf[0][c][0]} done\n`);
    }
  }
  const results: Measured[] = [];
  for (const [i, side] of sides.entries()) {
    const rows = casesOf[i].map(([page], c) => row(page, samples[i][c]));
    const committing = await whileCommitting(side);
    process.stderr.write(`  ${side.target.size}${label}: /pool while committing done\n`);
    results.push({ rows, committing, workflow: await workflow(side.servers, side.cookies, side.target.databaseUrl) });
    process.stderr.write(`  ${side.target.size}${label}: workflow done\n`);
  }
  return results;
}

/** Every size's database, a server on each (all at once), the pages and the workflow; on PostgreSQL again through two instances. */
async function benchSizes(): Promise<SizeResult[]> {
  const targets: { target: Target; prepareSeconds: number }[] = [];
  const children: ChildProcess[] = [];
  try {
    for (const size of SIZES) {
      process.stderr.write(`preparing ${size.toLocaleString("en-US")} requests${pgServer ? " (PostgreSQL)" : ""}…\n`);
      const t0 = performance.now();
      const target = await prepare(size);
      const prepareSeconds = (performance.now() - t0) / 1000;
      targets.push({ target, prepareSeconds });
      process.stderr.write(`  ${size}: database prepared in ${prepareSeconds.toFixed(0)} s\n`);
    }
    const sides: Side[] = [];
    for (const { target } of targets) {
      const one = await startServer(target.dir, target.databaseUrl);
      children.push(one.child);
      const cookies = { secretariat: await signIn(one.base, SECRETARIAT), officer: await signIn(one.base, OFFICER) };
      sides.push({ target, servers: [{ base: one.base, pid: one.child.pid }], cookies });
    }
    const single = await measure(sides, "");
    let instances: Awaited<ReturnType<typeof measure>> | null = null;
    if (pgServer) {
      // two instances on each database (the first keeps running; the second shares its DATA_DIR, so the sessions hold)
      const pairs: Side[] = [];
      for (const side of sides) {
        const two = await startServer(side.target.dir, side.target.databaseUrl);
        children.push(two.child);
        pairs.push({ ...side, servers: [...side.servers, { base: two.base, pid: two.child.pid }] });
      }
      instances = await measure(pairs, " (2 instances)");
    }
    return targets.map(({ target, prepareSeconds }, i) => ({
      size: target.size,
      ...single[i],
      ...(instances ? { instances: instances[i] } : {}),
      prepareSeconds,
    }));
  } finally {
    await Promise.all(children.map(stopServer));
    if (!process.argv.includes("--keep")) {
      for (const { target } of targets) {
        rmSync(target.dir, { recursive: true, force: true });
        await target.drop();
      }
    }
  }
}

export async function benchHttp(): Promise<string> {
  pgServer = await benchPgServer();
  const engine = pgServer
    ? `PostgreSQL ${(await pgRows<{ server_version: string }>(pgServer.admin, "SHOW server_version"))[0]?.server_version.split(" ")[0] ?? "?"}`
    : "SQLite";
  let results: SizeResult[];
  try {
    results = await benchSizes();
  } finally {
    pgServer?.close(); // a throwaway cluster goes, --keep or not; on DATABASE_URL's server --keep leaves the databases
  }
  const f = (n: number) => (Number.isFinite(n) ? (n >= 100 ? Math.round(n).toString() : n.toFixed(1)) : "—");
  const cpu = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—");
  const sizeLabel = (s: number) => `${s.toLocaleString("en-US")} requests`;
  const lines: string[] = [];
  lines.push(
    `| page on ${engine} (${CONNECTIONS} connections; a warm-up round, then ${ROUNDS} rounds of ${DURATION / ROUNDS} s per page and size after ${WARMUP} s of warm-up, the sizes in turn) | ${results.map((r) => `req/s · p95 ms · server CPU ms/answer at ${sizeLabel(r.size)}`).join(" | ")} |`,
  );
  lines.push(`| --- | ${results.map(() => "---").join(" | ")} |`);
  const section = (pick: (r: SizeResult) => Measured, prefix: string) => {
    const first = pick(results[0]);
    const cell = (row: Row) => `${f(row.rps)} · ${f(row.p95)} · ${cpu(row.cpuMs)}${row.errors ? ` (${row.errors} errors)` : ""}`;
    for (let i = 0; i < first.rows.length; i++) lines.push(`| ${prefix}${first.rows[i].page} | ${results.map((r) => cell(pick(r).rows[i])).join(" | ")} |`);
    lines.push(
      `| ${prefix}${first.committing.row.page} · commits/s | ${results
        .map((r) => pick(r).committing)
        .map((c) => `${cell(c.row)} · ${f(c.commitsPerSecond)}/s${c.refused ? ` (${c.refused} refused)` : ""}`)
        .join(" | ")} |`,
    );
    lines.push(
      `| ${prefix}workflow events over HTTP (RETURN/RESUBMIT, ${WORKFLOW_CLIENTS} clients, ${WORKFLOW_SECONDS} s after ${WARMUP} s of warm-up): transitions/s · successes = audit events | ${results
        .map((r) => pick(r).workflow)
        .map(
          (w) =>
            `${f(w.perSecond)}/s · ${w.successes} = ${w.auditEvents} · ${cpu(w.cpuMs)} CPU ms/event${w.successes === w.auditEvents ? "" : " LOST"}${w.failures ? ` (${w.failures} refused)` : ""}`,
        )
        .join(" | ")} |`,
    );
  };
  section((r) => r, "");
  if (results.every((r) => r.instances)) {
    lines.push(
      `| **two instances, one database** (${CONNECTIONS / 2} + ${CONNECTIONS / 2} connections; CPU of both per answer) | ${results.map(() => "").join(" | ")} |`,
    );
    section((r) => r.instances!, "2× ");
  }
  lines.push("");
  lines.push(`(preparing the databases: ${results.map((r) => `${sizeLabel(r.size)} ${r.prepareSeconds.toFixed(0)} s`).join(", ")})`);
  return lines.join("\n");
}
