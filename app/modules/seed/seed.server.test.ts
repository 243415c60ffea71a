import { beforeAll, describe, expect, it } from "vitest";
import { REQUEST_STATES } from "#workflows/demand-request.machine";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { db } from "~/utils/db.server";
import { seedDemoData } from "./seed.server";

describe("demo seed", () => {
  beforeAll(async () => {
    await seedDemoData();
  });

  it("reaches every state of the machine through the services, and the audit chain verifies", async () => {
    const states = new Set((await db.demandRequest.findMany({ select: { state: true } })).map((r) => r.state));
    for (const state of REQUEST_STATES) expect(states, state).toContain(state);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("has 제1회 with minutes, 제2회 held, 제3회 being planned", async () => {
    const meetings = await db.meeting.findMany({ orderBy: { number: "asc" }, select: { number: true, status: true } });
    expect(meetings).toEqual([
      { number: 1, status: "minutesPublished" },
      { number: 2, status: "held" },
      { number: 3, status: "planning" },
    ]);
  });
});
