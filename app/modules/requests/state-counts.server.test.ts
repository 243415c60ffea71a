import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, send, userByEmail } from "~/modules/seed/drive.server";
import { db } from "~/utils/db.server";
import { stateCounts } from "./state-counts.server";
import { listRequests } from "./requests.server";

let officer: Awaited<ReturnType<typeof userByEmail>>;
let secretariat: typeof officer;

beforeAll(async () => {
  await seedUsers();
  [officer, secretariat] = await Promise.all(["officer@mohw.go.kr", SECRETARIAT_EMAIL].map(userByEmail));
});

/** What a GROUP BY over the requests says (the truth the maintained counts must equal). */
async function counted(scope: { organizationId?: string }) {
  const grouped = await db.demandRequest.groupBy({ by: ["state"], where: scope, _count: { _all: true } });
  return Object.fromEntries(grouped.map((g) => [g.state, g._count._all]));
}

describe("maintained counts per state", () => {
  it("follow creations and transitions in the same transaction, per ministry and in total", async () => {
    const a = await fileAndSubmit(officer, { title: "집계 확인 1" });
    const b = await fileAndSubmit(officer, { title: "집계 확인 2" });
    await send(secretariat, a, { type: "RETURN", reasons: ["보완"] });
    await send(secretariat, b, { type: "ACCEPT" });
    await send(officer, a, { type: "RESUBMIT" });
    await send(secretariat, a, { type: "RETURN", reasons: ["다시 보완"] });
    expect(await stateCounts({})).toEqual(await counted({}));
    expect(await stateCounts({ organizationId: officer.organization.id })).toEqual(await counted({ organizationId: officer.organization.id }));
  });

  it("are what the unfiltered list shows; a filtered list counts in SQL", async () => {
    const list = await listRequests({ user: secretariat, query: {} });
    expect(list.counts).toEqual(await counted({}));
    const filtered = await listRequests({ user: secretariat, query: { sector: "INDUSTRY" } });
    expect(filtered.counts).toEqual(await counted({ sector: "INDUSTRY" } as never));
  });
});
