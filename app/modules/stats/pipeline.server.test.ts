import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, driveRequestToApproved, fileAndSubmit, send, userByEmail } from "~/modules/seed/drive.server";
import { createRequest } from "~/modules/requests/requests.server";
import { atTime } from "~/utils/clock";
import { pipelineStats } from "./pipeline.server";

type User = Awaited<ReturnType<typeof userByEmail>>;
let mohw: User, mnd: User, secretariat: User, admin: User;

beforeAll(async () => {
  await seedUsers();
  [mohw, mnd, secretariat, admin] = await Promise.all(["officer@mohw.go.kr", "officer@mnd.go.kr", SECRETARIAT_EMAIL, "admin@ax.go.kr"].map(userByEmail));
  await createRequest({ user: mohw, fields: { title: "초안", gpusRequested: 5 } });
  // submitted on Friday 2026-12-04 (Korea), accepted on Wednesday 12-09: 3 business days
  const accepted = await atTime("2026-12-04T01:00:00Z", () =>
    fileAndSubmit(mohw, { gpusRequested: 100, npuCapable: true, sector: "NATIONAL_PROJECT", desiredStartMonth: "2027-03" }),
  );
  await atTime("2026-12-09T01:00:00Z", () => send(secretariat, accepted, { type: "ACCEPT" }));
  // submitted and returned 8 business days later: late
  const returned = await atTime("2026-12-01T01:00:00Z", () => fileAndSubmit(mnd, { gpusRequested: 40, desiredStartMonth: "2027-03" }));
  await atTime("2026-12-11T01:00:00Z", () => send(secretariat, returned, { type: "RETURN", reasons: ["보완"] }));
  await fileAndSubmit(mnd, { gpusRequested: 7, desiredStartMonth: "2027-04" });
  await driveRequestToApproved({ officerEmail: "officer@mohw.go.kr", agreedGpus: 64, approvedGpus: 48, fields: { desiredStartMonth: "2027-04" } });
});

describe("pipelineStats", () => {
  it("counts requests by state, ministry, sector and domain for the secretariat", async () => {
    const stats = await pipelineStats({ user: secretariat, query: {} });
    expect(stats.total).toBe(5);
    const byState = Object.fromEntries(stats.byState.map((s) => [s.state, s.count]));
    expect(byState).toMatchObject({ draft: 1, jointPlanning: 1, revision: 1, screening: 1, approved: 1 });
    expect(stats.byMinistry.map((m) => [m.ministry.code, m.total])).toEqual([
      ["MOHW", 3],
      ["MND", 2],
    ]);
    expect(stats.groups.reduce((s, g) => s + g.count, 0)).toBe(5);
    expect(stats.bySector.find((s) => s.sector === "NATIONAL_PROJECT")).toMatchObject({ count: 1, gpusRequested: 100 });
  });

  it("shows an officer only their ministry, whatever the ministry filter says, and no pool arrivals", async () => {
    const stats = await pipelineStats({ user: mnd, query: { ministry: "MOHW" } });
    expect(stats.total).toBe(2);
    expect(stats.byMinistry.map((m) => m.ministry.code)).toEqual(["MND"]);
    expect(stats.gpusByMonth.every((m) => m.arrived === null)).toBe(true);
    expect((await pipelineStats({ user: secretariat, query: { ministry: "MND" } })).total).toBe(2);
    expect((await pipelineStats({ user: secretariat, query: { ministry: "NOPE" } })).total).toBe(0);
  });

  it("measures the screening deadline in Korean business days", async () => {
    const { screening } = await pipelineStats({ user: admin, query: {} });
    expect(screening.dueBusinessDays).toBe(5);
    expect(screening.decided).toBe(3); // accepted, returned, and the approved one (accepted the same day)
    expect(screening.withinDue).toBe(2);
    expect(screening.histogram.at(-1)).toEqual({ businessDays: null, count: 1 });
    expect(screening.histogram[3].count).toBe(1);
    expect(screening.waiting).toBe(1);
  });

  it("reports the time spent in each state from the audit log", async () => {
    const { timeInState } = await pipelineStats({ user: secretariat, query: {} });
    const screening = timeInState.find((s) => s.state === "screening")!;
    expect(screening.endedStays).toBe(3);
    expect(screening.current).toBe(1);
    expect(screening.longestDays).toBeCloseTo(10, 0);
  });

  it("sums GPUs by month: requested, agreed, approved, allocated, arrived", async () => {
    const { gpusByMonth } = await pipelineStats({ user: secretariat, query: {} });
    const april = gpusByMonth.find((m) => m.month === "2027-04")!;
    expect(april).toMatchObject({ requested: 7 + 64, agreed: 64, approved: 48, allocated: 0 });
    expect(gpusByMonth.find((m) => m.month === "2027-03")).toMatchObject({ requested: 140 });
  });

  it("gives the NPU-capable share of the demand (drafts and withdrawn left out)", async () => {
    const { npu } = await pipelineStats({ user: secretariat, query: {} });
    expect(npu.capable).toEqual({ count: 1, gpusRequested: 100 });
    expect(npu.notCapable.count).toBe(3);
  });

  it("recomputes after the next commit (a new draft)", async () => {
    const before = (await pipelineStats({ user: secretariat, query: {} })).total;
    await createRequest({ user: mohw, fields: { title: "새 초안" } });
    expect((await pipelineStats({ user: secretariat, query: {} })).total).toBe(before + 1);
  });
});
