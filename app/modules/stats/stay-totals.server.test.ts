import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, send, userByEmail } from "~/modules/seed/drive.server";
import { createRequest, updateRequest } from "~/modules/requests/requests.server";
import { atTime } from "~/utils/clock";
import { databaseEngine } from "~/utils/config.server";
import { db } from "~/utils/db.server";
import { pipelineStats } from "./pipeline.server";
import { recountStayTotalsSql } from "./stay-totals.sql";

type User = Awaited<ReturnType<typeof userByEmail>>;
let mohw: User, mnd: User, secretariat: User;

const versionOf = async (id: string) => (await db.demandRequest.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
const round = (v: unknown) => (v === null ? null : Math.round(Number(v) * 1e6) / 1e6);

/** Both tables, rows sorted by key; rows with nothing in them left out (a recount makes none). */
async function tables() {
  const totals = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    'SELECT * FROM "StayTotal" WHERE "ended" <> 0 OR "current" <> 0 ORDER BY "state", "organizationId", "sector", "domain"',
  );
  const decisions = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    'SELECT * FROM "ScreeningDecisionDays" WHERE "count" <> 0 ORDER BY "organizationId", "sector", "domain", "enteredOn", "decidedOn"',
  );
  return {
    totals: totals.map((r) => ({ ...r, ended: Number(r.ended), current: Number(r.current), sumDays: round(r.sumDays), maxDays: round(r.maxDays) })),
    decisions: decisions.map((r) => ({ ...r, count: Number(r.count) })),
  };
}

/** What the recount from the audit log makes of the same events (it replaces the maintained rows). */
async function recounted() {
  for (const sql of recountStayTotalsSql(databaseEngine())) await db.$executeRawUnsafe(sql);
  return tables();
}

let moved: string;

beforeAll(async () => {
  await seedUsers();
  [mohw, mnd, secretariat] = await Promise.all(["officer@mohw.go.kr", "officer@mnd.go.kr", SECRETARIAT_EMAIL].map(userByEmail));
  const industryHealth = { sector: "INDUSTRY" as const, domain: "HEALTH" as const };
  // the longest screening stay of INDUSTRY × HEALTH (10 days), until its sector is edited in revision
  moved = await atTime("2026-12-01T01:00:00Z", () => fileAndSubmit(mohw, industryHealth));
  await atTime("2026-12-11T01:00:00Z", () => send(secretariat, moved, { type: "RETURN", reasons: ["보완"] }));
  // two days of screening under the same key
  const short = await atTime("2026-12-02T01:00:00Z", () => fileAndSubmit(mohw, industryHealth));
  await atTime("2026-12-04T01:00:00Z", () => send(secretariat, short, { type: "ACCEPT" }));
  // another ministry, returned and resubmitted: stays end and begin again in the same states
  const again = await atTime("2026-12-03T01:00:00Z", () => fileAndSubmit(mnd, { sector: "NATIONAL_PROJECT" }));
  await atTime("2026-12-07T01:00:00Z", () => send(secretariat, again, { type: "RETURN", reasons: ["보완"] }));
  await atTime("2026-12-08T01:00:00Z", () => send(mnd, again, { type: "RESUBMIT" }));
  // a draft whose domain is edited: only an open stay moves
  const draft = await createRequest({ user: mohw, fields: { title: "초안", ...industryHealth } });
  await updateRequest({ user: mohw, requestId: draft.id, expectedVersion: await versionOf(draft.id), fields: { domain: "DEFENSE" } });
});

describe("time in state, maintained (ADR 0054)", () => {
  it("equals the recount from the audit log after moves, returns and resubmissions", async () => {
    const maintained = await tables();
    expect(maintained.totals.length).toBeGreaterThan(0);
    expect(maintained.decisions.length).toBeGreaterThan(0);
    expect(maintained).toEqual(await recounted());
  });

  it("moves a request's stays when an edit changes its sector, and finds the longest again", async () => {
    const before = await pipelineStats({ user: secretariat, query: { sector: "INDUSTRY", domain: "HEALTH" }, fresh: true });
    expect(before.timeInState.find((s) => s.state === "screening")).toMatchObject({ endedStays: 2, longestDays: 10, current: 0 });
    expect(before.screening.decided).toBe(2);

    await atTime("2026-12-12T01:00:00Z", () =>
      versionOf(moved).then((expectedVersion) => updateRequest({ user: mohw, requestId: moved, expectedVersion, fields: { sector: "ACADEMIA_RESEARCH" } })),
    );
    const after = await pipelineStats({ user: secretariat, query: { sector: "INDUSTRY", domain: "HEALTH" }, fresh: true });
    expect(after.timeInState.find((s) => s.state === "screening")).toMatchObject({ endedStays: 1, longestDays: 2, averageDays: 2, current: 0 });
    expect(after.timeInState.find((s) => s.state === "revision")).toBeUndefined();
    expect(after.screening.decided).toBe(1);
    const academia = await pipelineStats({ user: secretariat, query: { sector: "ACADEMIA_RESEARCH" }, fresh: true });
    expect(academia.timeInState.find((s) => s.state === "screening")).toMatchObject({ endedStays: 1, longestDays: 10 });
    expect(academia.timeInState.find((s) => s.state === "revision")).toMatchObject({ endedStays: 0, current: 1 });

    const maintained = await tables();
    expect(maintained).toEqual(await recounted());
  });
});
