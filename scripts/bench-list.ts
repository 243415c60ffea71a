/**
 * Request-list benchmark: 100,000 requests in a scratch database (rows inserted directly — this measures
 * the query, not the workflow), then the list page's query for an officer and for the secretariat.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrateDatabase } from "./migrate";

export async function benchList(total = 100_000) {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-list-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
  migrateDatabase();
  const raw = new Database(path.join(dir, "app.db"));
  const orgs = ["MOHW", "MND", "MAFRA", "MOTIE", "MOLIT", "MOIS", "MOE", "ME"].map((code, i) => {
    raw.prepare("INSERT INTO Organization (id, code, nameKo, nameEn, kind) VALUES (?, ?, ?, ?, 'MINISTRY')").run(`org-${i}`, code, code, code);
    return `org-${i}`;
  });
  const states = ["draft", "screening", "revision", "jointPlanning", "onAgenda", "approved", "withdrawn"];
  const insert = raw.prepare(
    "INSERT INTO DemandRequest (id, reference, organizationId, createdById, title, sector, state, version, machineVersion, snapshot, gpusRequested, createdAt, updatedAt) VALUES (?, ?, ?, 'u', ?, 'INDUSTRY', ?, 1, 1, '{}', 8, ?, ?)",
  );
  raw.transaction(() => {
    for (let i = 0; i < total; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      insert.run(`r${String(i).padStart(7, "0")}`, `AX-2026-${i}`, orgs[i % orgs.length], `요청 ${i}`, states[i % states.length], at, at);
    }
  })();
  raw.close();

  const { listRequests } = await import("../app/modules/requests/requests.server");
  const org = (id: string) => ({ id, code: "X", nameKo: "X", nameEn: "X", kind: "MINISTRY" });
  const officer = { id: "u", email: "", name: "", role: "MINISTRY_OFFICER" as const, isChair: false, organization: org("org-0") };
  const secretariat = { ...officer, role: "SECRETARIAT" as const, organization: org("msit") };
  const cases = [
    { name: "list: officer, first page", run: () => listRequests({ user: officer, query: { limit: 20 } }) },
    { name: "list: secretariat, state=screening", run: () => listRequests({ user: secretariat, query: { state: "screening", limit: 20 } }) },
    { name: "list: secretariat, search q", run: () => listRequests({ user: secretariat, query: { q: "요청 9999", limit: 20 } }) },
  ];
  const results: { name: string; value: number; unit: string }[] = [];
  for (const c of cases) {
    await c.run();
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      await c.run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    results.push({ name: `${c.name} (${total.toLocaleString("en-US")} rows) — median`, value: Math.round(times[3] * 10) / 10, unit: "ms" });
  }
  return results;
}
