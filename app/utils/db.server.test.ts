import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL } from "~/modules/seed/drive.server";
import { db, dbEngine, keptStatementCount } from "./db.server";

beforeAll(async () => {
  await seedUsers();
});

describe.runIf(dbEngine === "sqlite")("Prisma's SQLite statements, prepared once per SQL text", () => {
  it("binds each query's own values to a kept statement: every answer is its own", async () => {
    const users = await db.user.findMany({ select: { id: true, email: true } });
    expect(users.length).toBeGreaterThan(3);
    await db.user.findUnique({ where: { email: users[0].email }, select: { id: true } }); // the shape prepared
    const before = keptStatementCount()!;
    expect(before).toBeGreaterThan(0);
    for (const u of users) {
      // the same query shape with other values: one statement, never the previous values
      expect((await db.user.findUnique({ where: { email: u.email }, select: { id: true } }))?.id).toBe(u.id);
    }
    expect(await db.user.findUnique({ where: { email: "nobody@example.org" }, select: { id: true } })).toBeNull();
    expect(keptStatementCount()).toBe(before);
  });

  it("keeps transactions whole: a rolled-back write is gone, a committed one is there, through kept statements", async () => {
    const original = (await db.user.findUniqueOrThrow({ where: { email: SECRETARIAT_EMAIL } })).name;
    for (const name of ["첫 번째 이름", "두 번째 이름"]) {
      await expect(
        db.$transaction(async (tx) => {
          await tx.user.update({ where: { email: SECRETARIAT_EMAIL }, data: { name } });
          expect((await tx.user.findUniqueOrThrow({ where: { email: SECRETARIAT_EMAIL } })).name).toBe(name);
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      expect((await db.user.findUniqueOrThrow({ where: { email: SECRETARIAT_EMAIL } })).name).toBe(original);
    }
    await db.$transaction((tx) => tx.user.update({ where: { email: SECRETARIAT_EMAIL }, data: { name: "커밋된 이름" } }));
    expect((await db.user.findUniqueOrThrow({ where: { email: SECRETARIAT_EMAIL } })).name).toBe("커밋된 이름");
    await db.user.update({ where: { email: SECRETARIAT_EMAIL }, data: { name: original } });
  });

  it("answers raw reads and counts after writes of the same connection (rows as objects, numbers as numbers)", async () => {
    const n = await db.user.count();
    const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>('SELECT COUNT(*) AS "n" FROM "User" WHERE "email" <> ?', "nobody@example.org");
    expect(Number(row.n)).toBe(n);
    expect(await db.$executeRawUnsafe('UPDATE "User" SET "name" = "name" WHERE "email" = ?', SECRETARIAT_EMAIL)).toBe(1);
    expect(await db.$executeRawUnsafe('UPDATE "User" SET "name" = "name" WHERE "email" = ?', "nobody@example.org")).toBe(0);
  });
});
