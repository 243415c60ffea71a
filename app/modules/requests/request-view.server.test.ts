import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, send, userByEmail } from "~/modules/seed/drive.server";
import { dbEngine } from "~/utils/db.server";
import { getRequestView } from "./requests.server";

type User = Awaited<ReturnType<typeof userByEmail>>;
let secretariat: User, officer: User, colleague: User;

beforeAll(async () => {
  await seedUsers();
  [secretariat, officer] = await Promise.all([SECRETARIAT_EMAIL, "officer@mohw.go.kr"].map(userByEmail));
  // another officer of the same ministry: the same role and ministry, another person
  colleague = { ...officer, id: `${officer.id}-colleague` };
});

describe("the request's moves for each caller, kept with the request's row until the next commit", () => {
  it("gives each caller their own moves, the same on every view, and the new ones after a transition", async () => {
    const requestId = await fileAndSubmit(officer, { title: `이동 목록 ${Date.now()}` });
    const bySecretariat = await getRequestView({ user: secretariat, requestId });
    const byOfficer = await getRequestView({ user: officer, requestId });
    expect(bySecretariat.allowedEvents).toEqual(expect.arrayContaining(["ACCEPT", "RETURN"]));
    expect(bySecretariat.allowedEvents).not.toContain("WITHDRAW");
    expect(byOfficer.allowedEvents).toContain("WITHDRAW");
    expect(byOfficer.allowedEvents).not.toContain("ACCEPT");
    expect((await getRequestView({ user: colleague, requestId })).allowedEvents).toEqual(byOfficer.allowedEvents);
    // (on PostgreSQL other test files commit to the same cluster meanwhile: the row may be read again)
    if (dbEngine === "sqlite") {
      expect((await getRequestView({ user: secretariat, requestId })).allowedEvents).toBe(bySecretariat.allowedEvents);
      expect((await getRequestView({ user: officer, requestId })).allowedEvents).toBe(byOfficer.allowedEvents);
    }
    await send(secretariat, requestId, { type: "ACCEPT" });
    const accepted = await getRequestView({ user: secretariat, requestId });
    expect(accepted.state).not.toBe("submitted");
    expect(accepted.allowedEvents).not.toContain("ACCEPT");
    expect(accepted.allowedEvents).not.toEqual(bySecretariat.allowedEvents);
  });
});
