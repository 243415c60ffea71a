import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { demoIntake, userByEmail } from "~/modules/seed/drive.server";
import { db } from "~/utils/db.server";
import { createRequest, sendRequestEvent } from "./requests.server";
import { currentMonthInKorea } from "./submit-rules";

beforeAll(seedUsers);

describe("submitting", () => {
  it("refuses a start month that has passed and changes nothing; this month is accepted", async () => {
    const officer = await userByEmail("officer@mohw.go.kr");
    const past = await createRequest({
      user: officer,
      fields: { ...demoIntake({ contactName: "최보건", contactEmail: "officer@mohw.go.kr" }), desiredStartMonth: "2020-01" },
    });
    const error = await sendRequestEvent({ user: officer, requestId: past.id, body: { type: "SUBMIT", expectedVersion: 1 } }).catch((e) => e);
    expect(error).toMatchObject({ status: 422, messageKey: "error.startMonthPast" });
    expect(await db.demandRequest.findUniqueOrThrow({ where: { id: past.id }, select: { state: true, version: true, reference: true } })).toEqual({
      state: "draft",
      version: 1,
      reference: null,
    });

    const now = await createRequest({
      user: officer,
      fields: { ...demoIntake({ contactName: "최보건", contactEmail: "officer@mohw.go.kr" }), desiredStartMonth: currentMonthInKorea() },
    });
    expect(await sendRequestEvent({ user: officer, requestId: now.id, body: { type: "SUBMIT", expectedVersion: 1 } })).toMatchObject({ state: "screening" });
  });
});
