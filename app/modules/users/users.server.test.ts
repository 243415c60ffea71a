import { beforeAll, describe, expect, it } from "vitest";
import { rejection, seedUsers } from "~/test/fixtures";
import { userByEmail } from "~/modules/seed/drive.server";
import { verifyPassword } from "~/modules/auth/password.server";
import { db } from "~/utils/db.server";
import { changeOwnPassword, createUser, updateUser } from "./users.server";

beforeAll(seedUsers);

describe("people", () => {
  it("creates a person with a one-time password that must be changed; audited", async () => {
    const admin = await userByEmail("admin@ax.go.kr");
    const created = await createUser({
      user: admin,
      input: { email: "New.Officer@mohw.go.kr", name: "신입", role: "MINISTRY_OFFICER", organizationCode: "MOHW" },
    });
    expect(created).toMatchObject({ email: "new.officer@mohw.go.kr", mustChangePassword: true, active: true });
    expect(created.oneTimePassword).toHaveLength(14);
    const row = await db.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(await verifyPassword(created.oneTimePassword, row.passwordHash)).toBe(true);
    expect(await db.auditEvent.count({ where: { type: "USER_CREATED", actorId: admin.id } })).toBe(1);
    expect(
      await rejection(createUser({ user: admin, input: { email: "new.officer@mohw.go.kr", name: "x", role: "APPROVER", organizationCode: "OPM" } })),
    ).toMatchObject({ status: 409 });
    expect(
      await rejection(createUser({ user: admin, input: { email: "x@x.go.kr", name: "x", role: "MINISTRY_OFFICER", organizationCode: "MSIT" } })),
    ).toMatchObject({ status: 422 });

    const me = await userByEmail("new.officer@mohw.go.kr");
    expect(await rejection(changeOwnPassword({ user: me, current: "wrong", next: "a-new-password-1" }))).toMatchObject({ status: 422 });
    await changeOwnPassword({ user: me, current: created.oneTimePassword, next: "a-new-password-1" });
    expect((await db.user.findUniqueOrThrow({ where: { id: created.id } })).mustChangePassword).toBe(false);
  });

  it("deactivation revokes sessions and tokens in the same transaction; the last chair and the last admin stay", async () => {
    const admin = await userByEmail("admin@ax.go.kr");
    const officer = await userByEmail("officer@mafra.go.kr");
    await db.session.create({ data: { tokenHash: "t-1", userId: officer.id, expiresAt: new Date(Date.now() + 3600_000) } });
    await db.apiToken.create({ data: { name: "x", tokenHash: "h-1", prefix: "p", userId: officer.id, expiresAt: new Date(Date.now() + 3600_000) } });
    const updated = await updateUser({ user: admin, userId: officer.id, input: { active: false } });
    expect(updated.active).toBe(false);
    expect(await db.session.count({ where: { userId: officer.id, revokedAt: null } })).toBe(0);
    expect(await db.apiToken.count({ where: { userId: officer.id, revokedAt: null } })).toBe(0);

    const chair = await userByEmail("chair@msit.go.kr");
    expect(await rejection(updateUser({ user: admin, userId: chair.id, input: { active: false } }))).toMatchObject({
      status: 409,
      messageKey: "notify.users.lastChair",
    });
    expect(await rejection(updateUser({ user: admin, userId: chair.id, input: { isChair: false } }))).toMatchObject({ status: 409 });
    expect(await rejection(updateUser({ user: admin, userId: admin.id, input: { role: "SECRETARIAT" } }))).toMatchObject({
      status: 409,
      messageKey: "notify.users.lastAdmin",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: chair.id } })).active).toBe(true);
    // a second chair first, then the first may step down
    const member = await userByEmail("approver@opm.go.kr");
    await updateUser({ user: admin, userId: member.id, input: { isChair: true } });
    await updateUser({ user: admin, userId: chair.id, input: { isChair: false } });
    expect(await rejection(updateUser({ user: officer, userId: chair.id, input: { active: false } }))).toMatchObject({ status: 403 });
  });

  it("a password reset gives a one-time password, ends sessions and tokens, and requires a change", async () => {
    const admin = await userByEmail("admin@ax.go.kr");
    const officer = await userByEmail("officer@mnd.go.kr");
    await db.session.create({ data: { tokenHash: "t-reset", userId: officer.id, expiresAt: new Date(Date.now() + 3600_000) } });
    const reset = await updateUser({ user: admin, userId: officer.id, input: { resetPassword: true } });
    expect(reset.mustChangePassword).toBe(true);
    const row = await db.user.findUniqueOrThrow({ where: { id: officer.id } });
    expect(await verifyPassword(reset.oneTimePassword!, row.passwordHash)).toBe(true);
    expect(await db.session.count({ where: { userId: officer.id, revokedAt: null } })).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: "USER_PASSWORD_RESET" }, orderBy: { seq: "desc" } });
    expect(event.payload).not.toContain(reset.oneTimePassword!);
  });
});
