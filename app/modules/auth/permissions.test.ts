import { describe, expect, it } from "vitest";
import { NAV_BY_ROLE } from "~/components/nav";
import { actsForMinistry, can, canSeeMinistry, ministryScope, PERMISSIONS, ROLES } from "./permissions";

const org = (id: string) => ({ id, code: id, nameKo: id, nameEn: id, kind: "MINISTRY" });

describe("ministryScope", () => {
  it("limits a ministry officer to their own ministry", () => {
    const officer = { role: "MINISTRY_OFFICER" as const, organization: org("mohw") };
    expect(ministryScope(officer)).toEqual({ organizationId: "mohw" });
    expect(canSeeMinistry(officer, "mohw")).toBe(true);
    expect(canSeeMinistry(officer, "mnd")).toBe(false);
    expect(actsForMinistry(officer, "mohw")).toBe(true);
    expect(actsForMinistry(officer, "mnd")).toBe(false);
  });

  it.each(["SECRETARIAT", "APPROVER", "ADMIN"] as const)("lets %s see every ministry but act for none", (role) => {
    const user = { role, organization: org("msit") };
    expect(ministryScope(user)).toEqual({});
    expect(canSeeMinistry(user, "mnd")).toBe(true);
    expect(actsForMinistry(user, "msit")).toBe(false);
  });
});

describe("the role × action table", () => {
  it("is the DOMAIN.md table", () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, Object.keys(PERMISSIONS).filter((p) => can({ role }, p as keyof typeof PERMISSIONS))]));
    expect(table).toEqual({
      MINISTRY_OFFICER: ["request:read", "request:create", "request:edit", "request:comment", "plan:signForMinistry", "condition:report", "report:read"],
      SECRETARIAT: [
        "request:read",
        "request:comment",
        "request:screen",
        "plan:signForMsit",
        "meeting:read",
        "meeting:manage",
        "condition:review",
        "pool:read",
        "pool:allocate",
        "report:read",
        "audit:verify",
        "audit:read",
      ],
      APPROVER: ["request:read", "request:comment", "meeting:read", "decision:signOff", "pool:read", "report:read"],
      // the administrator sees everything, manages the pool and the people, but cannot act as the other roles
      ADMIN: ["request:read", "meeting:read", "pool:read", "pool:manage", "report:read", "audit:verify", "audit:read", "user:manage"],
    });
  });

  it("offers in the navigation only pages the role may open", () => {
    expect(Object.fromEntries(ROLES.map((r) => [r, NAV_BY_ROLE[r].map((i) => i.to)]))).toEqual({
      MINISTRY_OFFICER: ["/", "/requests", "/requests/new", "/dashboard"],
      SECRETARIAT: ["/", "/requests", "/screening", "/meetings", "/pool", "/pool/plan", "/dashboard", "/audit"],
      APPROVER: ["/", "/signoffs", "/requests", "/meetings", "/pool", "/dashboard"],
      ADMIN: ["/", "/requests", "/meetings", "/pool", "/admin/pool", "/dashboard", "/admin/users", "/audit"],
    });
    expect(NAV_BY_ROLE.MINISTRY_OFFICER[1].label).toBe("nav.myRequests");
    expect(NAV_BY_ROLE.SECRETARIAT[1].label).toBe("nav.requests");
  });
});
