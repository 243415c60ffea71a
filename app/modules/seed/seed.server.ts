import type { Role } from "#workflows/types";
import { hashPassword } from "~/modules/auth/password.server";
import { db } from "~/utils/db.server";
import { seedDemoRequests } from "./demo-requests.server";
import { ORGANIZATIONS } from "./organizations";
import { seedDemoPool } from "./pool";

export const DEMO_PASSWORD = "ax-demo-2026";

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; org: string; isChair?: boolean }[] = [
  { email: "admin@ax.go.kr", name: "관리자", role: "ADMIN", org: "SYS" },
  { email: "secretariat@msit.go.kr", name: "김사무", role: "SECRETARIAT", org: "MSIT" },
  { email: "chair@msit.go.kr", name: "박위원장", role: "APPROVER", org: "MSIT", isChair: true },
  { email: "approver@opm.go.kr", name: "이승인", role: "APPROVER", org: "OPM" },
  { email: "officer@mohw.go.kr", name: "최보건", role: "MINISTRY_OFFICER", org: "MOHW" },
  { email: "officer@mnd.go.kr", name: "정국방", role: "MINISTRY_OFFICER", org: "MND" },
  { email: "officer@mafra.go.kr", name: "한농식", role: "MINISTRY_OFFICER", org: "MAFRA" },
];

/** Organizations and demo accounts; idempotent. Demo requests go through the workflow service. */
export async function seedOrganizationsAndUsers(): Promise<void> {
  for (const org of ORGANIZATIONS) {
    await db.organization.upsert({ where: { code: org.code }, update: {}, create: { ...org } });
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const org = await db.organization.findUniqueOrThrow({ where: { code: account.org } });
    await db.user.upsert({
      where: { email: account.email },
      update: {},
      create: {
        email: account.email,
        name: account.name,
        role: account.role,
        isChair: account.isChair ?? false,
        passwordHash,
        organizationId: org.id,
      },
    });
  }
}

export async function seedDemoData(): Promise<void> {
  await seedOrganizationsAndUsers();
  await seedDemoRequests();
  await seedDemoPool();
  // the demo history is not news: its notifications stay on screen but are never e-mailed (issue 15)
  await db.notification.updateMany({ where: { emailStatus: "pending" }, data: { emailStatus: "skipped" } });
}
