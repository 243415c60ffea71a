/**
 * `npm run test:pg:instances [-- --no-build]` (issue 17, ADR 0024): two app instances on one
 * PostgreSQL database, and the guarantees that must hold across them.
 *
 * Starts a throwaway cluster (scripts/pg-cluster.ts; or uses TEST_PG_URL), migrates a database, seeds the
 * demo organizations, accounts and tranches (not the demo requests: the checks make their own), builds
 * the app (unless --no-build), starts two production servers (`--deployed`, as
 * `npm run start:prod` does) on two loopback ports with one shared DATA_DIR, then:
 * 1. a session made on instance A works on instance B (sessions live in the database);
 * 2. 100 concurrent ACCEPT events on one screening request, alternating A and B, all with the same
 *    expectedVersion → exactly one 200, 99 × 409;
 * 3. 50 concurrent 1-GPU allocations, alternating A and B, against a tranche with 10 remaining →
 *    exactly 10 × 201, 40 × 409, and the tranche's counter equals its live allocations;
 * 4. the audit chain verifies (through both instances' API and from this process), with one
 *    gap-free sequence of events.
 * Prints each check with its timing; exits 1 on any failure. Stops the servers and the cluster.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createMigratedDatabase, freePort, startCluster } from "./pg-cluster";

const PASSWORD = "ax-demo-2026";
const started = Date.now();
const log = (line: string) => console.log(`[instances ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// one secret and one anchor key for the instances and this process (which seeds and verifies)
process.env.SESSION_SECRET = "instances-session-secret-0123456789abcdef";
process.env.AUDIT_ANCHOR_KEY = "instances-anchor-key";
const cluster = process.env.TEST_PG_URL ? null : await startCluster();
const admin = process.env.TEST_PG_URL ?? cluster!.url;
const dir = mkdtempSync(path.join(tmpdir(), "ax-instances-"));
const servers: ChildProcess[] = [];
const outputs: string[] = [];
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  log(`${ok ? "PASS" : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

async function startServer(port: number, name: string): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, [path.resolve("build", "server", "start.js"), "--deployed"], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), COOKIE_SECURE: "0", OUTBOX_INTERVAL_MS: "1000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  servers.push(child);
  outputs.push("");
  const index = outputs.length - 1;
  child.on("exit", () => (outputs[index] = output));
  const keep = setInterval(() => (outputs[index] = output), 500);
  keep.unref();
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited at start (${child.exitCode}):\n${output.slice(0, 2000)}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return base;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`instance ${name} did not answer within 120 s:\n${output.slice(0, 2000)}`);
}

/** A signed-in API client; its session cookie works on any instance. */
class Client {
  constructor(private cookie = "") {}
  static async signIn(base: string, email: string) {
    const c = new Client();
    const res = await c.call(base, "POST", "/api/v1/session", { email, password: PASSWORD });
    if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return c;
  }
  async call(base: string, method: string, url: string, body?: unknown) {
    const headers: Record<string, string> = { origin: base, accept: "application/json" };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = res.headers.getSetCookie();
    if (set.length) this.cookie = set.map((c) => c.split(";")[0]).join("; ");
    const text = await res.text();
    // the app's JSON answers, read loosely: this script checks statuses and a few named fields
    let parsed: (Record<string, unknown> & { state?: string; error?: { code?: string }; ok?: boolean }) | null = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { text };
    }
    return { status: res.status, body: parsed };
  }
}

const tally = (statuses: number[]) =>
  Object.entries(statuses.reduce<Record<number, number>>((m, s) => ((m[s] = (m[s] ?? 0) + 1), m), {}))
    .map(([s, n]) => `${n}×${s}`)
    .join(", ");

let exitCode = 0;
try {
  process.env.DATABASE_URL = await createMigratedDatabase(admin, "ax_instances");
  process.env.DATA_DIR = dir;
  log(`database migrated; shared DATA_DIR ${dir}`);
  const { seedOrganizationsAndUsers } = await import("../app/modules/seed/seed.server");
  const { seedPool } = await import("../app/modules/seed/pool");
  await seedOrganizationsAndUsers();
  await seedPool();
  if (!process.argv.includes("--no-build")) {
    log("building (npm run build)…");
    execFileSync("npm", ["run", "build", "--silent"], { stdio: ["ignore", "ignore", "inherit"] });
  }

  // what the bursts need, through the services (this process, the same database)
  const { userByEmail, fileAndSubmit, driveRequestToApproved, SECRETARIAT_EMAIL } = await import("../app/modules/seed/drive.server");
  const { createTranche, getPool, setPoolTotal } = await import("../app/modules/pool/tranches.server");
  const { db } = await import("../app/utils/db.server");
  const officer = await userByEmail("officer@mohw.go.kr");
  const adminUser = await userByEmail("admin@ax.go.kr");
  const screening = await fileAndSubmit(officer, { title: "두 인스턴스 동시 접수 시험" });
  const { requestId: approved } = await driveRequestToApproved({
    officerEmail: "officer@mohw.go.kr",
    fields: { title: "두 인스턴스 동시 배정 시험" },
    agreedGpus: 80,
    approvedGpus: 70,
  });
  const pool = await getPool({ user: adminUser });
  await setPoolTotal({ user: adminUser, totalGpus: pool.totalGpus + 10 });
  const month = new Date().toISOString().slice(0, 7);
  const tranche = await createTranche({
    user: adminUser,
    input: { label: "두 인스턴스 시험", arrivalMonth: month, capacity: 10, gpuModel: "NVIDIA B200", resourceKind: "GPU" },
  });
  const version = (await db.demandRequest.findUniqueOrThrow({ where: { id: screening } })).version;
  await db.$disconnect();
  log("seeded: a screening request, an approved request (70 GPUs), a tranche of 10");

  const [portA, portB] = [await freePort(), await freePort()];
  const a = await startServer(portA, "A");
  const b = await startServer(portB, "B");
  const both = [a, b];
  log(`instances up: A ${a}, B ${b}`);

  // 1. one session, both instances
  const sec = await Client.signIn(a, SECRETARIAT_EMAIL);
  const onB = await sec.call(b, "GET", `/api/v1/requests/${screening}`);
  check(onB.status === 200 && onB.body?.state === "screening", `a session made on A is valid on B (${onB.status})`);

  // 2. 100 concurrent events on one request over both instances
  let t = Date.now();
  const events = await Promise.all(
    Array.from({ length: 100 }, (_, i) => sec.call(both[i % 2], "POST", `/api/v1/requests/${screening}/events`, { type: "ACCEPT", expectedVersion: version })),
  );
  const eventStatuses = events.map((r) => r.status);
  check(
    eventStatuses.filter((s) => s === 200).length === 1 && eventStatuses.filter((s) => s === 409).length === 99,
    `100 concurrent ACCEPT on one request over A and B: ${tally(eventStatuses)} in ${Date.now() - t} ms (want 1×200, 99×409)`,
  );

  // 3. 50 concurrent 1-GPU allocations over both instances against 10 remaining
  t = Date.now();
  const allocations = await Promise.all(
    Array.from({ length: 50 }, (_, i) => sec.call(both[i % 2], "POST", "/api/v1/allocations", { requestId: approved, trancheId: tranche.id, gpus: 1 })),
  );
  const allocationStatuses = allocations.map((r) => r.status);
  const refusedCodes = new Set(allocations.filter((r) => r.status === 409).map((r) => r.body?.error?.code));
  check(
    allocationStatuses.filter((s) => s === 201).length === 10 &&
      allocationStatuses.filter((s) => s === 409).length === 40 &&
      refusedCodes.size === 1 &&
      refusedCodes.has("CAPACITY_EXCEEDED"),
    `50 concurrent 1-GPU allocations over A and B against 10 remaining: ${tally(allocationStatuses)} in ${Date.now() - t} ms (want 10×201, 40×409 CAPACITY_EXCEEDED)`,
  );
  const { db: after } = await import("../app/utils/db.server");
  const row = await after.tranche.findUniqueOrThrow({ where: { id: tranche.id }, include: { allocations: { where: { releasedAt: null } } } });
  const live = row.allocations.reduce((sum, x) => sum + x.gpus, 0);
  check(row.allocated === 10 && live === 10, `the tranche's counter (${row.allocated}) equals its live allocations (${live}) and its capacity (10)`);

  // 4. one audit chain, verified by both instances and from here
  const seqs = await after.auditEvent.findMany({ select: { seq: true }, orderBy: { seq: "asc" } });
  check(
    seqs.every((e, i) => e.seq === i + 1),
    `the audit log is one gap-free sequence (${seqs.length} events)`,
  );
  await sleep(1500); // the anchors' checkpoint delay (1 s) in both instances
  for (const [name, base] of [
    ["A", a],
    ["B", b],
  ] as const) {
    const v = await sec.call(base, "GET", "/api/v1/audit/verify");
    check(v.status === 200 && v.body?.ok === true, `audit chain verifies through instance ${name}: ${JSON.stringify(v.body)}`);
  }
  const { verifyAuditChain } = await import("../app/modules/audit/audit.server");
  const here = await verifyAuditChain();
  check(here.ok, `audit chain verifies from this process: ${JSON.stringify(here)}`);
  await after.$disconnect();
} catch (error) {
  failures.push(String(error));
  console.error(error);
  for (const [i, out] of outputs.entries()) console.error(`--- instance ${"AB"[i]} output (last 3000 characters) ---\n${out.slice(-3000)}`);
} finally {
  for (const s of servers) if (s.exitCode === null) s.kill("SIGTERM");
  await Promise.all(servers.map((s) => (s.exitCode === null ? new Promise((r) => s.once("exit", r)) : null)));
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
  exitCode = failures.length ? 1 : 0;
  log(failures.length ? `${failures.length} check(s) failed` : "all checks passed");
}
process.exit(exitCode);
