import { beforeAll, describe, expect, it, vi } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, send, userByEmail } from "~/modules/seed/drive.server";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { requestRowInTransaction } from "~/modules/requests/requests.server";
import { db, dbEngine } from "./db.server";
import { leanAll } from "./lean-read.server";
import { newRowId, txAll, txRun } from "./lean-write.server";

let officer: Awaited<ReturnType<typeof userByEmail>>;
let secretariat: typeof officer;

beforeAll(async () => {
  await seedUsers();
  [officer, secretariat] = await Promise.all(["officer@mohw.go.kr", SECRETARIAT_EMAIL].map(userByEmail));
});

describe("the lean write path (ADR 0050)", () => {
  it("writes in the caller's transaction: its rows commit with it, and go with its rollback", async () => {
    const kept = `lean-write-${newRowId()}`;
    const undone = `lean-write-${newRowId()}`;
    await db.$transaction(async (tx) => {
      await txRun(tx, 'INSERT INTO "RequestStateCount" ("organizationId", "state", "count") VALUES (?, ?, 1)', [kept, "screening"]);
      // the same transaction sees its own write before it commits
      expect(await txAll(tx, 'SELECT "count" FROM "RequestStateCount" WHERE "organizationId" = ?', [kept])).toEqual([{ count: 1 }]);
    });
    const failed = db.$transaction(async (tx) => {
      await txRun(tx, 'INSERT INTO "RequestStateCount" ("organizationId", "state", "count") VALUES (?, ?, 1)', [undone, "screening"]);
      throw new Error("the rest of the change failed");
    });
    await expect(failed).rejects.toThrow("the rest of the change failed");
    const rows = await db.requestStateCount.findMany({ where: { organizationId: { in: [kept, undone] } }, select: { organizationId: true } });
    expect(rows).toEqual([{ organizationId: kept }]);
  });

  it.runIf(dbEngine === "sqlite")("refuses to run outside a transaction (the SQLite connection is shared)", async () => {
    await expect(txRun(db, 'DELETE FROM "RequestStateCount" WHERE "organizationId" = ?', ["none"])).rejects.toThrow("outside a transaction");
  });

  it("works from a second copy of the modules, as in development (the server's by tsx, the app's by Vite)", async () => {
    vi.resetModules();
    const copy = await import("./lean-write.server");
    expect(copy.txRun).not.toBe(txRun);
    const id = `lean-write-${newRowId()}`;
    await db.$transaction((tx) => copy.txRun(tx, 'INSERT INTO "RequestStateCount" ("organizationId", "state", "count") VALUES (?, ?, 1)', [id, "screening"]));
    expect(await db.requestStateCount.count({ where: { organizationId: id } })).toBe(1);
  });

  it("reads the request's row as Prisma gives it: a boolean, a BigInt and Dates", async () => {
    const id = await fileAndSubmit(officer, { title: "행 읽기 확인", budgetKrw: Number.MAX_SAFE_INTEGER, npuCapable: true });
    await db.$transaction(async (tx) => {
      expect(await requestRowInTransaction(tx, id)).toEqual(await tx.demandRequest.findUniqueOrThrow({ where: { id } }));
    });
    await db.demandRequest.update({ where: { id }, data: { npuCapable: false, budgetKrw: null } });
    await db.$transaction(async (tx) => {
      const row = await requestRowInTransaction(tx, id);
      expect(row).toEqual(await tx.demandRequest.findUniqueOrThrow({ where: { id } }));
      expect([row.npuCapable, row.budgetKrw]).toEqual([false, null]);
    });
  });

  it("stores a state change as Prisma would read it back: the row, the audit chain and the notifications", async () => {
    const id = await fileAndSubmit(officer, { title: "기록 확인" });
    const before = await db.demandRequest.findUniqueOrThrow({ where: { id } });
    const answer = await send(secretariat, id, { type: "RETURN", reasons: ["보완 요청"] });
    const after = await db.demandRequest.findUniqueOrThrow({ where: { id } });
    expect([after.state, after.version, answer.version]).toEqual(["revision", before.version + 1, before.version + 1]);
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    expect(after.submittedAt).toEqual(before.submittedAt); // RETURN does not restart the screening clock
    const event = await db.auditEvent.findFirstOrThrow({ where: { requestId: id }, orderBy: { seq: "desc" } });
    expect([event.type, event.fromState, event.toState, event.actorId]).toEqual(["RETURN", "screening", "revision", secretariat.id]);
    const notes = await db.notification.findMany({ where: { key: { startsWith: `audit:${event.seq}:` } } });
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) {
      expect(n).toMatchObject({ kind: "returned", requestId: id, emailStatus: "pending", emailAttempts: 0, readAt: null });
      expect(n.createdAt.getTime()).toBeGreaterThanOrEqual(event.at.getTime()); // written just after the event
      expect(n.id).toMatch(/^c[0-9a-z]{20,}$/);
    }
    if (dbEngine === "sqlite") {
      // the text Prisma's adapter writes for a Date, so that SQL compares it with Prisma's own
      const [stored] = await leanAll<{ at: string; createdAt: string }>(
        'SELECT a."at", r."createdAt" FROM "AuditEvent" a JOIN "DemandRequest" r ON r."id" = a."requestId" WHERE a."seq" = ?',
        [event.seq],
      );
      expect(stored.at).toBe(event.at.toISOString().replace("Z", "+00:00"));
      expect(stored.createdAt).toBe(before.createdAt.toISOString().replace("Z", "+00:00"));
    }
    await send(officer, id, { type: "RESUBMIT" });
    const resubmitted = await db.demandRequest.findUniqueOrThrow({ where: { id } });
    expect(resubmitted.submittedAt!.getTime()).toBeGreaterThan(before.submittedAt!.getTime());
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("makes ids that differ and follow each other in creation order", () => {
    const ids = Array.from({ length: 1000 }, newRowId);
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
  });
});
