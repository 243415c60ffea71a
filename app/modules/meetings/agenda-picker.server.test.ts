/**
 * The agenda's picker (`eligibleRequests`): the requests in joint planning whose plan is co-signed first, then
 * the others, at most AGENDA_PICKER_MAX, whatever the number in joint planning.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, cosignPlan, fileAndSubmit, send, userByEmail } from "~/modules/seed/drive.server";
import { countStateChange } from "~/modules/requests/state-counts.server";
import { db } from "~/utils/db.server";
import { AGENDA_PICKER_MAX, eligibleRequests } from "./meetings.server";

let officer: Awaited<ReturnType<typeof userByEmail>>;
let secretariat: typeof officer;

beforeAll(async () => {
  await seedUsers();
  [officer, secretariat] = await Promise.all([userByEmail("officer@mohw.go.kr"), userByEmail(SECRETARIAT_EMAIL)]);
});

describe("the agenda's picker", () => {
  it("lists the co-signed requests first, then the others, at most 200, and counts joint planning", async () => {
    const unsigned = await fileAndSubmit(officer, { title: "서명 전 요청" });
    await send(secretariat, unsigned, { type: "ACCEPT" });
    const signed = await fileAndSubmit(officer, { title: "서명 끝난 요청" });
    await send(secretariat, signed, { type: "ACCEPT" });
    await cosignPlan(signed, officer, secretariat, 40);

    const few = await eligibleRequests({ user: secretariat });
    expect(few.items.map((r) => [r.id, r.coSigned])).toEqual([
      [signed, true],
      [unsigned, false],
    ]);
    expect(few).toMatchObject({ inJointPlanning: 2, full: false });

    // many more in joint planning, all waiting longer than these two, none co-signed (as the bench's clones)
    const template = await db.demandRequest.findUniqueOrThrow({ where: { id: unsigned } });
    const clones = Array.from({ length: AGENDA_PICKER_MAX + 5 }, (_, i) => ({
      ...template,
      id: `picker-clone-${String(i).padStart(3, "0")}`,
      reference: `AX-2020-${String(i).padStart(6, "0")}`,
      submittedAt: new Date(Date.UTC(2020, 0, 1) + i * 60_000),
      createdAt: new Date(Date.UTC(2020, 0, 1) + i * 60_000),
    }));
    await db.$transaction(async (tx) => {
      await tx.demandRequest.createMany({ data: clones });
      for (const _ of clones) await countStateChange(tx, template.organizationId, null, "jointPlanning");
    });

    const many = await eligibleRequests({ user: secretariat });
    expect(many.items).toHaveLength(AGENDA_PICKER_MAX);
    expect(many).toMatchObject({ inJointPlanning: clones.length + 2, full: true });
    // the co-signed one first, though it waited least; then the longest waiting
    expect(many.items[0]).toMatchObject({ id: signed, coSigned: true });
    expect(many.items.slice(1, 3).map((r) => r.id)).toEqual(["picker-clone-000", "picker-clone-001"]);
    expect(many.items.slice(1).every((r) => !r.coSigned)).toBe(true);
    expect(many.items.map((r) => r.id)).not.toContain(unsigned);
  });
});
