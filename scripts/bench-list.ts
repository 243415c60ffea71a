/**
 * Request-list benchmark: 100,000 requests in a scratch database (rows inserted directly — this measures
 * the query, not the workflow), then the list page's queries (one page + the grouped counts per state,
 * as `listRequests` runs them) for an officer and for the secretariat, per filter and sort.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { CurrentUser } from "../app/modules/auth/session.server";
import { DOMAINS, SECTORS, type ListQuery } from "../app/modules/requests/request.schema";
import { benchPages } from "./bench-page";
import { migrateDatabase } from "./migrate";
import { RECOUNT_STATE_COUNTS_SQL } from "../app/modules/requests/state-counts.sql";
import { recountStayTotalsSql } from "../app/modules/stats/stay-totals.sql";

export async function benchList(total = 100_000) {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-list-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
  process.env.DATA_DIR = dir; // its own audit anchor, not the one of ./data
  migrateDatabase();
  const raw = new Database(path.join(dir, "app.db"));
  const orgs = ["MOHW", "MND", "MAFRA", "MOTIE", "MOLIT", "MOIS", "MOE", "ME"].map((code, i) => {
    raw.prepare("INSERT INTO Organization (id, code, nameKo, nameEn, kind) VALUES (?, ?, ?, ?, 'MINISTRY')").run(`org-${i}`, code, code, code);
    return `org-${i}`;
  });
  const states = ["draft", "screening", "revision", "jointPlanning", "onAgenda", "approved", "withdrawn"];
  const insert = raw.prepare(
    "INSERT INTO DemandRequest (id, reference, organizationId, createdById, title, sector, domain, state, version, machineVersion, snapshot, gpusRequested, createdAt, updatedAt) VALUES (?, ?, ?, 'u', ?, ?, ?, ?, 1, 1, ?, ?, ?, ?)",
  );
  // a real persisted snapshot (the pages read the machine context, e.g. which meeting a request is on)
  const { initialSnapshot, persistSnapshot } = await import("../workflows/demand-request.machine");
  const snapshot = JSON.stringify(persistSnapshot(initialSnapshot({ ministryId: "org-0" })));
  raw.transaction(() => {
    for (let i = 0; i < total; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      const state = states[i % states.length];
      // drafts may lack a title or a GPU count (the nullable sort keys)
      const title = state === "draft" && i % 3 === 0 ? null : `요청 ${(i * 7919) % total}`;
      const gpus = state === "draft" && i % 2 === 0 ? null : 1 + ((i * 37) % 4096);
      insert.run(
        `r${String(i).padStart(7, "0")}`,
        state === "draft" ? null : `AX-2026-${String(i).padStart(5, "0")}`,
        orgs[i % orgs.length],
        title,
        SECTORS[i % SECTORS.length],
        DOMAINS[i % DOMAINS.length],
        state,
        snapshot,
        gpus,
        at,
        at,
      );
    }
  })();
  for (const sql of RECOUNT_STATE_COUNTS_SQL) raw.exec(sql); // the maintained counts (ADR 0019) of the rows inserted here
  for (const sql of recountStayTotalsSql("sqlite")) raw.exec(sql); // and the time-in-state totals (ADR 0054)
  raw.close();

  const { listRequests } = await import("../app/modules/requests/requests.server");
  const org = (id: string) => ({ id, code: "X", nameKo: "X", nameEn: "X", kind: "MINISTRY" });
  const officer: CurrentUser = { id: "u", email: "", name: "", role: "MINISTRY_OFFICER", isChair: false, organization: org("org-0") };
  const secretariat: CurrentUser = { ...officer, role: "SECRETARIAT", organization: org("msit") };
  const firstPage = async (user: CurrentUser, query: ListQuery) => listRequests({ user, query: { ...query, limit: 20 } });
  const deepCursor = async (user: CurrentUser, query: ListQuery) => {
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) cursor = (await listRequests({ user, query: { ...query, cursor, limit: 20 } })).nextCursor ?? undefined;
    return cursor;
  };
  const secretariatGpusCursor = await deepCursor(secretariat, { sort: "gpus" });
  const cases = [
    { name: "list+counts: officer, first page (newest)", run: () => firstPage(officer, {}) },
    { name: "list+counts: officer, sort by GPUs", run: () => firstPage(officer, { sort: "gpus" }) },
    { name: "list+counts: officer, sort by title", run: () => firstPage(officer, { sort: "title" }) },
    { name: "list+counts: officer, state=screening, oldest first", run: () => firstPage(officer, { state: "screening", sort: "oldest" }) },
    { name: "list+counts: secretariat, first page (newest)", run: () => firstPage(secretariat, {}) },
    { name: "list+counts: secretariat, state=screening", run: () => firstPage(secretariat, { state: "screening" }) },
    { name: "list+counts: secretariat, sector+domain", run: () => firstPage(secretariat, { sector: "NATIONAL_PROJECT", domain: "HEALTH" }) },
    { name: "list+counts: secretariat, ministry=MND", run: () => firstPage(secretariat, { ministry: "MND" }) },
    { name: "list+counts: secretariat, sort by GPUs", run: () => firstPage(secretariat, { sort: "gpus" }) },
    {
      name: "list+counts: secretariat, sort by GPUs, page 11 (cursor)",
      run: () => listRequests({ user: secretariat, query: { sort: "gpus", cursor: secretariatGpusCursor, limit: 20 } }),
    },
    { name: "list+counts: secretariat, search q", run: () => firstPage(secretariat, { q: "요청 9999" }) },
    { name: "list+counts: secretariat, search reference", run: () => firstPage(secretariat, { q: "AX-2026-04242" }) },
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
  // the same lists as whole pages over HTTP (and the home inbox, which counts over the same table)
  const rows = `${total.toLocaleString("en-US")} rows`;
  results.push(
    ...(await benchPages({
      file: path.join(dir, "app.db"),
      users: [
        {
          email: "officer@bench.go.kr",
          role: "MINISTRY_OFFICER",
          organizationId: "org-0",
          cases: [
            { name: `officer /requests (${rows})`, path: "/requests" },
            { name: `officer home inbox (${rows})`, path: "/" },
          ],
        },
        {
          email: "secretariat@bench.go.kr",
          role: "SECRETARIAT",
          organizationId: "org-1",
          cases: [
            { name: `secretariat /requests (${rows})`, path: "/requests" },
            { name: `secretariat /requests?state=screening&sort=gpus (${rows})`, path: "/requests?state=screening&sort=gpus" },
            { name: `secretariat /requests?q=요청 9999 (${rows})`, path: `/requests?q=${encodeURIComponent("요청 9999")}` },
            { name: `secretariat home inbox (${rows})`, path: "/" },
          ],
        },
      ],
    })),
  );
  return results;
}
