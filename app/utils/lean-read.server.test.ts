import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, send, userByEmail } from "~/modules/seed/drive.server";
import { findVisibleRequest, requestHistoryApiPage } from "~/modules/requests/requests.server";
import { poolOverview } from "~/modules/pool/planning.server";
import { db, dbEngine } from "./db.server";
import { closeLeanRead, dataVersionReadCount, leanAll, leanGet, memoSize, memoUntilWrite } from "./lean-read.server";

beforeAll(async () => {
  await seedUsers();
});

/**
 * A transaction that has renamed the secretariat's account and stays open until `release()`, then
 * rolls back (`transaction` rejects with "rolled back"). Resolves once the write is made.
 */
async function openTransactionThatRollsBack() {
  let release!: () => void;
  let written!: () => void;
  const wrote = new Promise<void>((resolve) => (written = resolve));
  const transaction = db.$transaction(async (tx) => {
    await tx.user.update({ where: { email: SECRETARIAT_EMAIL }, data: { name: "되돌려질 이름" } });
    written();
    await new Promise<void>((resolve) => (release = resolve));
    throw new Error("rolled back");
  });
  transaction.catch(() => {}); // asserted by the caller; never an unhandled rejection meanwhile
  await wrote;
  return { transaction, release };
}

describe("lean read path (ADR 0025)", () => {
  it("reads what Prisma committed, with portable SQL", async () => {
    const n = await db.user.count();
    expect((await leanGet<{ n: number }>('SELECT COUNT(*) AS "n" FROM "User"'))!.n).toBe(n);
    expect(await leanGet('SELECT "id" FROM "User" WHERE "email" = ?', ["nobody@example.org"])).toBeUndefined();
    expect(await leanAll<{ email: string }>('SELECT "email" FROM "User" WHERE "email" = ?', [SECRETARIAT_EMAIL])).toEqual([{ email: SECRETARIAT_EMAIL }]);
  });

  it.skipIf(dbEngine === "postgresql")("memoUntilWrite keeps a value until the next commit or a new version", async () => {
    let computed = 0;
    const value = () => memoUntilWrite("test", "v1", async () => ++computed);
    expect(await value()).toBe(1);
    expect(await value()).toBe(1); // nothing committed meanwhile
    const { count } = await db.user.updateMany({ where: { email: SECRETARIAT_EMAIL }, data: { updatedAt: new Date() } });
    expect(count).toBe(1);
    expect(await value()).toBe(2); // a commit by the other connection
    expect(await memoUntilWrite("test", "v2", async () => ++computed)).toBe(3); // another day
  });

  it.skipIf(dbEngine === "postgresql")("many sessions never push the pages' kept values out, and their own space stays bounded", async () => {
    let computed = 0;
    const page = () => memoUntilWrite("test-page-value", "", async () => ++computed);
    expect(await page()).toBe(1);
    const sessions = new Map<string, number>();
    const session = (i: number) =>
      memoUntilWrite(
        `test-session|${i}`,
        "",
        async () => {
          sessions.set(`${i}`, (sessions.get(`${i}`) ?? 0) + 1);
          return i;
        },
        "sessions",
      );
    for (let i = 0; i < 2_500; i++) await session(i); // more than the pages' whole space
    expect(await page()).toBe(1); // still kept: not recomputed
    expect(memoSize("derived")).toBeLessThanOrEqual(2_000);
    await session(0);
    expect(sessions.get("0")).toBe(1); // a session is kept too
    for (let i = 2_500; i < 12_000; i++) await session(i);
    expect(memoSize("sessions")).toBe(10_000); // bounded: the oldest went
    await session(1);
    expect(sessions.get("1")).toBe(2); // pushed out, so read again
    expect(await page()).toBe(1);
  });

  it.skipIf(dbEngine === "postgresql")("a value kept by a closed connection is not served by the next one", async () => {
    // PRAGMA data_version is per connection: a new connection starts counting again, so a value kept
    // under the old connection's count could match it although others committed in between
    // (scripts/chaos.ts closes and reopens it between its rounds)
    let computed = 0;
    const value = () => memoUntilWrite("test-reopen", "", async () => ++computed);
    closeLeanRead();
    expect(await value()).toBe(1);
    closeLeanRead();
    await db.user.updateMany({ where: { email: SECRETARIAT_EMAIL }, data: { updatedAt: new Date() } });
    expect(await value()).toBe(2);
  });

  it.skipIf(dbEngine === "postgresql")("never keeps what an open transaction wrote: a read beside it that then rolls back is read again", async () => {
    // The app's one SQLite connection runs reads outside a transaction on the connection a transaction
    // holds open, so they see its writes before it commits. Kept, a rollback would leave them until
    // some later commit.
    const name = async () => (await db.user.findUniqueOrThrow({ where: { email: SECRETARIAT_EMAIL }, select: { name: true } })).name;
    const committed = await name();
    const kept = () => memoUntilWrite("test-rollback", "", name);
    const { transaction, release } = await openTransactionThatRollsBack();
    await kept(); // computed while the transaction is open (what it sees is not asserted: engine detail)
    release();
    await expect(transaction).rejects.toThrow("rolled back");
    expect(await name()).toBe(committed);
    expect(await kept()).toBe(committed);
    expect(await kept()).toBe(committed);
  });

  it("a write outside any transaction, made while another is open, survives that one's rollback", async () => {
    // On SQLite the write would otherwise run on the connection the open transaction holds, inside it
    // (the notification outbox marks its mails this way): it now waits for its own turn.
    const email = "officer@mnd.go.kr";
    const before = (await db.user.findUniqueOrThrow({ where: { email } })).name;
    const { transaction, release } = await openTransactionThatRollsBack();
    const outside = db.user.update({ where: { email }, data: { name: `${before} (바뀜)` } }).then(() => "written"); // sent now
    // give it the chance to run while the transaction is open (reads on the app's connection would see it there)
    for (let i = 0; i < 20; i++) if ((await db.user.findUniqueOrThrow({ where: { email } })).name !== before) break;
    release();
    await expect(transaction).rejects.toThrow("rolled back");
    expect(await outside).toBe("written");
    expect((await db.user.findUniqueOrThrow({ where: { email } })).name).toBe(`${before} (바뀜)`);
    expect((await db.user.findUniqueOrThrow({ where: { email: SECRETARIAT_EMAIL } })).name).not.toBe("되돌려질 이름");
    await db.user.updateMany({ where: { email }, data: { name: before } });
  });

  it.skipIf(dbEngine !== "sqlite")("reads PRAGMA data_version once per turn of the event loop, and again when this process commits", async () => {
    await new Promise((resolve) => setImmediate(resolve)); // a turn of its own
    let computed = 0;
    const value = () => memoUntilWrite("test-data-version", "v1", async () => ++computed);
    const reads = dataVersionReadCount();
    expect(await Promise.all(Array.from({ length: 20 }, value))).toEqual(Array.from({ length: 20 }, () => 1));
    expect(dataVersionReadCount() - reads).toBe(1);
    // a commit by this process: the next call sees it, whether or not the turn has ended
    await db.$transaction((tx) => tx.requestStateCount.create({ data: { organizationId: "data-version-test", state: "draft", count: 1 } }));
    expect(await value()).toBe(2);
    expect(dataVersionReadCount() - reads).toBe(2);
    // and the next turn reads it again
    await new Promise((resolve) => setImmediate(resolve));
    expect(await value()).toBe(2);
    expect(dataVersionReadCount() - reads).toBe(3);
    await db.requestStateCount.deleteMany({ where: { organizationId: "data-version-test" } });
  });

  it.skipIf(dbEngine !== "postgresql")("memoUntilWrite on PostgreSQL computes again after a commit by another instance", async () => {
    let computed = 0;
    const value = () => memoUntilWrite("test-pg", "v1", async () => ++computed);
    expect(await value()).toBe(1);
    // another instance: its own connection, not this process's pool (whether the value is kept while
    // nothing moves is not asserted here: other test files commit to the same cluster meanwhile)
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query('UPDATE "User" SET "updatedAt" = now() WHERE "email" = $1', [SECRETARIAT_EMAIL]);
    } finally {
      await other.end();
    }
    expect(await value()).toBe(2);
  });

  it.skipIf(dbEngine === "postgresql")("the kept reads follow every commit: a request's row, its scope, the pool's pipeline", async () => {
    const officer = await userByEmail("officer@mohw.go.kr");
    const outsider = await userByEmail("officer@mnd.go.kr");
    const secretariat = await userByEmail(SECRETARIAT_EMAIL);
    const id = await fileAndSubmit(officer, { title: "보관된 읽기", gpusRequested: 37 });
    const before = await findVisibleRequest(secretariat, id);
    expect(before).toMatchObject({ state: "screening" });
    expect(await findVisibleRequest(officer, id)).toBe(await findVisibleRequest(officer, id)); // kept: nothing committed between
    await expect(findVisibleRequest(outsider, id)).rejects.toMatchObject({ status: 404 }); // another ministry's scope, its own key
    const pipeline = (await poolOverview({ user: secretariat })).npu.totalWaiting;

    await send(secretariat, id, { type: "ACCEPT" }); // screening → joint planning: into the pipeline
    expect(await findVisibleRequest(secretariat, id)).toMatchObject({ state: "jointPlanning", version: before.version + 1 });
    expect(await findVisibleRequest(officer, id)).toMatchObject({ state: "jointPlanning" });
    expect((await poolOverview({ user: secretariat })).npu.totalWaiting).toBe(pipeline + 37);
  });
});

describe("API request history, paged", () => {
  it("pages oldest first with a cursor, and the pages add up to the whole history", async () => {
    const officer = await userByEmail("officer@mohw.go.kr");
    const secretariat = await userByEmail(SECRETARIAT_EMAIL);
    const id = await fileAndSubmit(officer, { title: "이력 페이지" });
    await send(secretariat, id, { type: "RETURN", reasons: ["KPI 구체화"] });
    const all = await requestHistoryApiPage({ user: secretariat, requestId: id });
    expect(all.nextAfter).toBeNull();
    expect(all.events.length).toBeGreaterThanOrEqual(3);
    const seen: number[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await requestHistoryApiPage({ user: secretariat, requestId: id, after, limit: 2 });
      expect(page.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.events.map((e) => e.seq));
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    expect(seen).toEqual(all.events.map((e) => e.seq));
  });
});
