/**
 * `npx tsx scripts/bench-reports.ts [sizes…]`: throughput of the dashboard and of search at 1,000 and
 * 100,000 requests, next to `/login` (the rule: a data page keeps ≥ 50 % of `/login`'s req/s), plus the
 * queries behind the dashboard without its cache and the two list exports at full size.
 *
 * For each size: a scratch database (migrated, rows inserted directly — with audit events, plans,
 * tranches and allocations — so this measures the reads, not the workflow; the search index is
 * filled by its triggers as in production), the built app in its own process on 127.0.0.1, and
 * autocannon (8 connections, 6 s per case) from this process. Bounded: loopback only, fixed
 * duration per case, the server is stopped at the end. Figures are printed, never asserted.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { DOMAINS, SECTORS } from "../app/modules/requests/request.schema";
import { migrateDatabase } from "./migrate";
import { RECOUNT_STATE_COUNTS_SQL } from "../app/modules/requests/state-counts.sql";
import { recountStayTotalsSql } from "../app/modules/stats/stay-totals.sql";

interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Cannon = (options: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

const CONNECTIONS = 8;
const DURATION_S = 6;
const MINISTRIES = ["MOHW", "MND", "MAFRA", "MOTIE", "MOLIT", "MOIS", "MOE", "ME"];
const PHRASES = [
  "지방 병원의 흉부 엑스레이 판독 대기 시간이 길어 응급 환자의 치료가 늦어집니다",
  "부대별 물자 소요를 예측하지 못해 재고가 남거나 모자랍니다",
  "농가의 병해충 발생을 조기에 알아내지 못해 수확량이 줄어듭니다",
  "물류 창고의 배차 계획을 사람이 짜서 운송비가 높습니다",
  "재난 현장의 영상 정보를 실시간으로 분석하지 못합니다",
  "전력 수요 예측 오차가 커서 예비력 운영 비용이 큽니다",
  "학생별 학습 진단이 늦어 맞춤형 지도가 어렵습니다",
  "민원 문서 분류에 담당자의 시간이 많이 듭니다",
];
const STATES = [
  "draft",
  "screening",
  "revision",
  "jointPlanning",
  "onAgenda",
  "awaitingSignoff",
  "approved",
  "conditionallyApproved",
  "allocated",
  "rejected",
  "withdrawn",
];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A database with `total` requests spread over ministries, states, sectors, domains and months. */
export async function fillDatabase(file: string, total: number) {
  const { hashPassword } = await import("../app/modules/auth/password.server");
  const { initialSnapshot, persistSnapshot } = await import("../workflows/demand-request.machine");
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  const orgIds = MINISTRIES.map((code, i) => {
    raw.prepare("INSERT INTO Organization (id, code, nameKo, nameEn, kind) VALUES (?, ?, ?, ?, 'MINISTRY')").run(`org-${i}`, code, `부처${i}`, `Ministry ${i}`);
    return `org-${i}`;
  });
  raw.prepare("INSERT INTO Organization (id, code, nameKo, nameEn, kind) VALUES ('msit', 'MSIT', '과학기술정보통신부', 'MSIT', 'MSIT')").run();
  const passwordHash = await hashPassword("bench-password");
  const addUser = raw.prepare("INSERT INTO User (id, email, name, passwordHash, role, organizationId, updatedAt) VALUES (?, ?, '벤치', ?, ?, ?, ?)");
  addUser.run("u-sec", "secretariat@bench.go.kr", passwordHash, "SECRETARIAT", "msit", new Date().toISOString());
  addUser.run("u-off", "officer@bench.go.kr", passwordHash, "MINISTRY_OFFICER", "org-0", new Date().toISOString());
  const snapshot = JSON.stringify(persistSnapshot(initialSnapshot({ ministryId: "org-0" })));
  const insertRequest =
    raw.prepare(`INSERT INTO DemandRequest (id, reference, organizationId, createdById, title, sector, domain, problemStatement, gpusRequested,
    desiredStartMonth, npuCapable, approvedGpus, state, version, machineVersion, snapshot, submittedAt, createdAt, updatedAt)
    VALUES (?, ?, ?, 'u-off', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?)`);
  const insertEvent = raw.prepare(
    "INSERT INTO AuditEvent (requestId, actorId, type, fromState, toState, payload, at, prevHash, hash) VALUES (?, 'u-sec', ?, ?, ?, '{}', ?, '', ?)",
  );
  const insertPlan = raw.prepare("INSERT INTO JointPlan (id, requestId, revision, agreedGpus, updatedAt) VALUES (?, ?, 1, ?, ?)");
  let hash = 0;
  const day = 86_400_000;
  raw.transaction(() => {
    for (let i = 0; i < total; i++) {
      const created = Date.UTC(2026, 0, 1) + (i % 300) * day + (i % 1440) * 60_000;
      const state = STATES[i % STATES.length];
      const gpus = 1 + ((i * 37) % 2048);
      const month = `${2026 + Math.floor((i % 24) / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
      const id = `r${String(i).padStart(7, "0")}`;
      const iso = (t: number) => new Date(t).toISOString();
      const submitted = state === "draft" ? null : created + day;
      const approved = ["approved", "conditionallyApproved", "allocated"].includes(state) ? Math.ceil(gpus * 0.8) : null;
      insertRequest.run(
        id,
        state === "draft" ? null : `AX-2026-${String(i).padStart(6, "0")}`,
        orgIds[i % orgIds.length],
        `과제 ${i} ${PHRASES[i % PHRASES.length].slice(0, 12)}`,
        SECTORS[i % SECTORS.length],
        DOMAINS[i % DOMAINS.length],
        `${PHRASES[(i * 7) % PHRASES.length]}. 사례 번호 ${i}.`,
        gpus,
        month,
        i % 3 === 0 ? 1 : 0,
        approved,
        state,
        snapshot,
        submitted ? iso(submitted) : null,
        iso(created),
        iso(created),
      );
      // the audit trail the time-in-state and screening figures read: created → submitted → screened → on
      insertEvent.run(id, "CREATE", null, "draft", iso(created), `h${hash++}`);
      if (state === "draft") continue;
      insertEvent.run(id, "SUBMIT", "draft", "screening", iso(created + day), `h${hash++}`);
      if (state === "screening") continue;
      const screened = created + day + ((i % 9) + 1) * day;
      insertEvent.run(
        id,
        state === "revision" ? "RETURN" : state === "withdrawn" ? "WITHDRAW" : "ACCEPT",
        "screening",
        state === "revision" || state === "withdrawn" ? state : "jointPlanning",
        iso(screened),
        `h${hash++}`,
      );
      if (["revision", "withdrawn", "jointPlanning"].includes(state)) continue;
      insertPlan.run(`p${i}`, id, gpus, iso(screened));
      insertEvent.run(id, "SCHEDULE", "jointPlanning", state, iso(screened + 20 * day), `h${hash++}`);
    }
    for (let t = 0; t < 8; t++) {
      raw
        .prepare("INSERT INTO Tranche (id, label, arrivalMonth, capacity, gpuModel, updatedAt) VALUES (?, ?, ?, 1625, 'B200', ?)")
        .run(`t${t}`, `2026-${t + 1}차`, `2026-${String(t + 2).padStart(2, "0")}`, new Date().toISOString());
    }
  })();
  for (const sql of RECOUNT_STATE_COUNTS_SQL) raw.exec(sql); // the maintained counts (ADR 0019) of the rows inserted here
  for (const sql of recountStayTotalsSql("sqlite")) raw.exec(sql); // and the time-in-state totals (ADR 0054)
  raw.close();
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "bench-password" }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${email}: HTTP ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

async function waitForServer(base: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error("the server exited");
    try {
      if ((await fetch(`${base}/login`)).status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not start");
}

/** Peak resident memory of a process so far (Linux), in MB. */
function peakMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmHWM:"));
  return line ? Math.round(Number(line.replace(/\D+/g, "")) / 1024) : NaN;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function benchSize(total: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-reports-"));
  const file = path.join(dir, "app.db");
  process.env.DATABASE_URL = `file:${file}`;
  migrateDatabase();
  const t0 = performance.now();
  await fillDatabase(file, total);
  const rows = total.toLocaleString("en-US");
  const lines: string[] = [`-- ${rows} requests (database filled in ${Math.round((performance.now() - t0) / 1000)} s, search index by its triggers)`];

  // the dashboard's queries without its cache, in this process (same database file)
  const { pipelineStats } = await import("../app/modules/stats/pipeline.server");
  const { searchEverything } = await import("../app/modules/search/search.server");
  const org = (id: string) => ({ id, code: id === "msit" ? "MSIT" : "MOHW", nameKo: "", nameEn: "", kind: "MINISTRY" });
  const secretariat = { id: "u-sec", email: "", name: "", role: "SECRETARIAT" as const, isChair: false, organization: org("msit") };
  const officer = { ...secretariat, id: "u-off", role: "MINISTRY_OFFICER" as const, organization: org("org-0") };
  for (const [name, run] of [
    ["stats, no cache: secretariat", () => pipelineStats({ user: secretariat, query: {}, fresh: true })],
    ["stats, no cache: officer", () => pipelineStats({ user: officer, query: {}, fresh: true })],
    ["stats, no cache: secretariat sector+domain", () => pipelineStats({ user: secretariat, query: { sector: "INDUSTRY", domain: "HEALTH" }, fresh: true })],
    // the bench text repeats 8 phrases: "엑스레이" is in 1 document of 8 (a worst case for ranking)
    ["search query: 3+ chars (trigram)", () => searchEverything({ user: secretariat, q: "엑스레이 판독" })],
    ["search query: a selective one", () => searchEverything({ user: secretariat, q: "사례 번호 4242" })],
    ["search query: 2 chars (LIKE fallback)", () => searchEverything({ user: secretariat, q: "병원" })],
    ["search query: officer, 3+ chars", () => searchEverything({ user: officer, q: "엑스레이" })],
  ] as [string, () => Promise<unknown>][]) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await run();
      times.push(performance.now() - s);
    }
    lines.push(`${name} (${rows}) — median ${median(times).toFixed(1)} ms`);
  }
  const { db } = await import("../app/utils/db.server");
  await db.$disconnect();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // the server is this child itself (no tsx wrapper process), so its memory is what /proc reports
  const server = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${file}`,
      DATA_DIR: dir,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO: "0",
      COOKIE_SECURE: "0",
      SESSION_SECRET: "bench-only-secret",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForServer(base, server);
    const cookies = { secretariat: await signIn(base, "secretariat@bench.go.kr"), officer: await signIn(base, "officer@bench.go.kr") };
    const q = (s: string) => encodeURIComponent(s);
    const cases: { name: string; path: string; cookie?: string }[] = [
      { name: "/login", path: "/login" },
      { name: "secretariat /requests (for comparison)", path: "/requests", cookie: cookies.secretariat },
      { name: "secretariat /dashboard", path: "/dashboard", cookie: cookies.secretariat },
      { name: "officer /dashboard", path: "/dashboard", cookie: cookies.officer },
      { name: "secretariat /dashboard?sector=INDUSTRY&domain=HEALTH", path: "/dashboard?sector=INDUSTRY&domain=HEALTH", cookie: cookies.secretariat },
      { name: "secretariat /api/v1/stats/pipeline", path: "/api/v1/stats/pipeline", cookie: cookies.secretariat },
      { name: "secretariat /api/v1/search?q=엑스레이 판독", path: `/api/v1/search?q=${q("엑스레이 판독")}`, cookie: cookies.secretariat },
      { name: "secretariat /api/v1/search?q=사례 번호 4242 (a selective query)", path: `/api/v1/search?q=${q("사례 번호 4242")}`, cookie: cookies.secretariat },
      { name: "secretariat /api/v1/search?q=병원 (2 chars)", path: `/api/v1/search?q=${q("병원")}`, cookie: cookies.secretariat },
      { name: "officer /api/v1/search?q=엑스레이", path: `/api/v1/search?q=${q("엑스레이")}`, cookie: cookies.officer },
      { name: "secretariat /search?q=배차 계획 (page)", path: `/search?q=${q("배차 계획")}`, cookie: cookies.secretariat },
    ];
    let login = 0;
    for (const c of cases) {
      const check = await fetch(base + c.path, { headers: c.cookie ? { cookie: c.cookie } : {} });
      if (check.status !== 200) throw new Error(`${c.path}: HTTP ${check.status}`);
      await check.arrayBuffer();
      const result = await autocannon({ url: base + c.path, connections: CONNECTIONS, duration: DURATION_S, headers: c.cookie ? { cookie: c.cookie } : {} });
      const rps = Math.round(result.requests.average);
      if (c.name === "/login") login = rps;
      const share = login > 0 && c.name !== "/login" ? ` = ${Math.round((rps / login) * 100)} % of /login` : "";
      lines.push(
        `${c.name} (${rows}) — ${rps} req/s${share}, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms${result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ""}`,
      );
    }
    // whole-list exports (every row) and what they cost the server in memory
    for (const format of ["csv", "xlsx"]) {
      const s = performance.now();
      const res = await fetch(`${base}/requests/export.${format}`, { headers: { cookie: cookies.secretariat } });
      const size = (await res.arrayBuffer()).byteLength;
      lines.push(
        `secretariat /requests/export.${format}, all ${rows} rows — ${((performance.now() - s) / 1000).toFixed(1)} s, ${(size / 1e6).toFixed(1)} MB, server peak RSS so far ${peakMb(server.pid!)} MB`,
      );
    }
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

// one process per size: the app's database client is made once per process, for one file
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const imported = !import.meta.url.endsWith(path.basename(process.argv[1] ?? ""));
if (!imported && sizes.length === 1) {
  for (const line of await benchSize(sizes[0])) console.log(line);
  process.exit(0);
} else if (!imported) {
  execFileSync(path.resolve("node_modules", ".bin", "react-router"), ["build"], { stdio: "ignore" });
  for (const size of sizes.length > 0 ? sizes : [1_000, 100_000]) {
    execFileSync(process.execPath, [path.resolve("node_modules", "tsx", "dist", "cli.mjs"), "scripts/bench-reports.ts", String(size)], { stdio: "inherit" });
  }
  process.exit(0);
}
