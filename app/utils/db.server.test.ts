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

describe.runIf(dbEngine === "postgresql")("PostgreSQL's write lock (ADR 0024)", () => {
  it("hands a connection back whole when taking the write lock fails", async () => {
    const { serializedPostgres, WRITE_LOCK_KEY } = await import("./db-postgres.server");
    const { default: pg } = await import("pg");
    const url = new URL(process.env.DATABASE_URL!);
    // another instance holds the write lock; this pool's one connection gives up waiting after 200 ms
    const holder = new pg.Client({ connectionString: url.toString() });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock($1)", [WRITE_LOCK_KEY]);
    url.searchParams.set("options", "-c lock_timeout=200");
    const poolMax = process.env.PG_POOL_MAX;
    process.env.PG_POOL_MAX = "1";
    const adapter = await serializedPostgres(url.toString()).connect();
    if (poolMax === undefined) delete process.env.PG_POOL_MAX;
    else process.env.PG_POOL_MAX = poolMax;
    try {
      await expect(adapter.startTransaction()).rejects.toThrow();
      await holder.query("SELECT pg_advisory_unlock($1)", [WRITE_LOCK_KEY]);
      // the same connection again: not left inside the failed transaction ("current transaction is aborted")
      const read = await adapter.queryRaw({ sql: "SELECT 1 AS one", args: [], argTypes: [] });
      expect(read.rows).toEqual([[1]]);
      const tx = await adapter.startTransaction();
      await tx.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
      await tx.commit();
    } finally {
      await holder.end();
      await adapter.dispose();
    }
  });
});
