import { describe, expect, it } from "vitest";
import { canSeeMinistry, ministryScope } from "./scope.server";

const org = (id: string) => ({ id, code: id, nameKo: id, nameEn: id, kind: "MINISTRY" });

describe("ministryScope", () => {
  it("limits a ministry officer to their own ministry", () => {
    const officer = { role: "MINISTRY_OFFICER" as const, organization: org("mohw") };
    expect(ministryScope(officer)).toEqual({ organizationId: "mohw" });
    expect(canSeeMinistry(officer, "mohw")).toBe(true);
    expect(canSeeMinistry(officer, "mnd")).toBe(false);
  });

  it.each(["SECRETARIAT", "APPROVER", "ADMIN"] as const)("lets %s see every ministry", (role) => {
    const user = { role, organization: org("msit") };
    expect(ministryScope(user)).toEqual({});
    expect(canSeeMinistry(user, "mnd")).toBe(true);
  });
});
