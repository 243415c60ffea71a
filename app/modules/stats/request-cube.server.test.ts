import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, driveRequestToApproved, fileAndSubmit, send, userByEmail } from "~/modules/seed/drive.server";
import { createRequest, updateRequest } from "~/modules/requests/requests.server";
import { db } from "~/utils/db.server";
import { pipelineStats } from "./pipeline.server";

type Row = Record<string, unknown>;
const plain = (rows: Row[]) =>
  rows
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** The rows the triggers keep (ADR 0055), empty ones left out. */
async function cube() {
  return plain(
    await db.$queryRawUnsafe<Row[]>(
      'SELECT "state", "organizationId", "sector", "domain", "npu", "desiredStartMonth", "count", "gpusRequested", "approvedGpus" FROM "RequestCube" WHERE "count" <> 0',
    ),
  );
}

/** What grouping the requests table says: the truth the kept rows must equal. */
async function grouped() {
  return plain(
    await db.$queryRawUnsafe<Row[]>(`
      SELECT "state", "organizationId", COALESCE("sector", '') AS "sector", COALESCE("domain", '') AS "domain",
        CASE WHEN "npuCapable" IS NULL THEN -1 WHEN "npuCapable" THEN 1 ELSE 0 END AS "npu", COALESCE("desiredStartMonth", '') AS "desiredStartMonth",
        COUNT(*) AS "count", COALESCE(SUM("gpusRequested"), 0) AS "gpusRequested", COALESCE(SUM("approvedGpus"), 0) AS "approvedGpus"
      FROM "DemandRequest" GROUP BY 1, 2, 3, 4, 5, 6`),
  );
}

const versionOf = async (id: string) => (await db.demandRequest.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

beforeAll(async () => {
  await seedUsers();
});

describe("the requests' groupings, kept by triggers (ADR 0055)", () => {
  it("equal a grouping of the requests after creations, edits, moves and an approval", async () => {
    const [mohw, mnd, secretariat] = await Promise.all(["officer@mohw.go.kr", "officer@mnd.go.kr", SECRETARIAT_EMAIL].map(userByEmail));
    const draft = await createRequest({ user: mohw, fields: { title: "묶음 확인" } }); // no sector, domain, month or NPU answer
    await updateRequest({
      user: mohw,
      requestId: draft.id,
      expectedVersion: await versionOf(draft.id),
      fields: { sector: "INDUSTRY", domain: "HEALTH", gpusRequested: 12, desiredStartMonth: "2027-05", npuCapable: true },
    });
    const returned = await fileAndSubmit(mnd, { gpusRequested: 30, npuCapable: false, desiredStartMonth: "2027-06" });
    await send(secretariat, returned, { type: "RETURN", reasons: ["보완"] });
    await updateRequest({
      user: mnd,
      requestId: returned,
      expectedVersion: await versionOf(returned),
      fields: { gpusRequested: 45, desiredStartMonth: "2027-07" },
    });
    await send(mnd, returned, { type: "RESUBMIT" });
    await send(secretariat, returned, { type: "ACCEPT" });
    await driveRequestToApproved({ officerEmail: "officer@mohw.go.kr", agreedGpus: 64, approvedGpus: 48, fields: { desiredStartMonth: "2027-04" } });

    const kept = await cube();
    expect(kept.length).toBeGreaterThan(2);
    expect(kept).toEqual(await grouped());

    // and the dashboard reads them: the approved GPUs by month, the requested ones in the pipeline
    const { gpusByMonth, total, npu } = await pipelineStats({ user: secretariat, query: {}, fresh: true });
    expect(total).toBe(await db.demandRequest.count());
    expect(gpusByMonth.find((m) => m.month === "2027-04")).toMatchObject({ approved: 48 });
    expect(gpusByMonth.find((m) => m.month === "2027-07")).toMatchObject({ requested: 45 });
    expect(gpusByMonth.find((m) => m.month === "2027-05")).toBeUndefined(); // a draft is not demand
    expect(npu.notCapable.gpusRequested).toBeGreaterThanOrEqual(45);
  });
});
