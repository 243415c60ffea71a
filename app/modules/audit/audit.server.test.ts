import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { anchorKeyFrom, defaultAnchor, flushAuditAnchor, lastCheckpoint, signCheckpoint, writeCheckpoint } from "./anchor.server";
import { appendAuditEvent, auditBody, auditHash, canonicalJson, GENESIS_HASH, verifyAuditChain } from "./audit.server";

const anchorFile = () => defaultAnchor().file;

async function appendEvents(n: number, from = 0) {
  await db.$transaction(async (tx) => {
    for (let i = 0; i < n; i++) await appendAuditEvent(tx, { type: "TEST", payload: { i: from + i, text: "감사 기록" } });
  });
}

/** An empty chain and no anchor, then `n` events appended and anchored. */
async function freshChain(n: number) {
  await db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`);
  rmSync(anchorFile(), { force: true });
  await appendEvents(n);
  await flushAuditAnchor();
}

/** Rewrites event `seq` and rehashes every event after it, as someone with SQL access and the algorithm could. */
async function rewriteFrom(seq: number) {
  const rows = await db.auditEvent.findMany({ where: { seq: { gte: seq } }, orderBy: { seq: "asc" } });
  let prev = (await db.auditEvent.findUnique({ where: { seq: seq - 1 } }))?.hash ?? GENESIS_HASH;
  for (const row of rows) {
    const fields = { ...row, payload: row.seq === seq ? '{"rewritten":true}' : row.payload };
    const hash = auditHash(prev, fields);
    await db.$executeRaw`UPDATE "AuditEvent" SET "payload" = ${fields.payload}, "prevHash" = ${prev}, "hash" = ${hash} WHERE "seq" = ${row.seq}`;
    prev = hash;
  }
}

beforeEach(() => freshChain(50));

describe("audit chain with its anchor", () => {
  it("serialises an event exactly as canonicalJson of its fields (the hash of stored chains never changes)", async () => {
    for (const e of await db.auditEvent.findMany({ take: 3 })) {
      const { seq, requestId, actorId, type, fromState, toState, payload, at } = e;
      expect(auditBody(e)).toBe(canonicalJson({ seq, requestId, actorId, type, fromState, toState, payload, at: at.toISOString() }));
    }
    const odd = { seq: 9, requestId: 'r"1', actorId: null, type: "검토", fromState: null, toState: "a\nb", payload: '{"x":"\\u2028"}', at: new Date(0) };
    expect(auditBody(odd)).toBe(canonicalJson({ ...odd, at: odd.at.toISOString() }));
  });

  it("verifies an intact chain and names the anchored head", async () => {
    const result = await verifyAuditChain();
    expect(result).toMatchObject({ ok: true, events: 50, anchor: { checkpoints: 1, seq: 50 } });
    const head = await db.auditEvent.findUniqueOrThrow({ where: { seq: 50 } });
    expect(result).toMatchObject({ head: head.hash });
  });

  it("detects the last 20 events deleted (the tail the chain alone cannot see)", async () => {
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" > 30`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, reason: "TRUNCATED", brokenAt: 31, events: 30 });
  });

  it("detects a chain rewritten and rehashed from an event onward", async () => {
    await rewriteFrom(12);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, reason: "ANCHOR_MISMATCH", brokenAt: 50 });
  });

  it("names the first event whose content no longer matches its hash", async () => {
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "payload" = '{"tampered":true}' WHERE "seq" = 7`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, reason: "HASH_MISMATCH", brokenAt: 7, events: 6 });
  });

  it("keeps checking every checkpoint: a rewrite before an older one is found even after new events", async () => {
    await appendEvents(10, 50);
    await flushAuditAnchor();
    expect(lastCheckpoint(anchorFile())?.seq).toBe(60);
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" > 40`);
    await appendEvents(30, 100); // the chain grows past the old checkpoints again, with other events
    const result = await verifyAuditChain();
    expect(result).toMatchObject({ ok: false, reason: "ANCHOR_MISMATCH", brokenAt: 50 });
    // and the writer refuses to anchor the rewritten chain
    expect(await writeCheckpoint()).toMatchObject({ refused: "chainRewritten" });
    expect(lastCheckpoint(anchorFile())?.seq).toBe(60);
  });

  it("refuses to anchor a chain shorter than its last checkpoint", async () => {
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" > 45`);
    expect(await writeCheckpoint()).toMatchObject({ refused: "chainShorter", last: { seq: 50 } });
  });

  it("detects an edited checkpoint (its signature no longer matches)", async () => {
    const line = JSON.parse(readFileSync(anchorFile(), "utf8").trim());
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" > 30`);
    const row = await db.auditEvent.findUniqueOrThrow({ where: { seq: 30 } });
    writeFileSync(anchorFile(), `${JSON.stringify({ ...line, seq: 30, hash: row.hash })}\n`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, reason: "ANCHOR_SIGNATURE", brokenAt: 30 });
  });

  it("detects checkpoints signed with another key", async () => {
    const head = await db.auditEvent.findUniqueOrThrow({ where: { seq: 50 } });
    writeFileSync(anchorFile(), `${JSON.stringify(signCheckpoint(Buffer.from("another key"), head))}\n`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, reason: "ANCHOR_OTHER_KEY" });
  });

  it("fails when the anchor file is gone while events exist", async () => {
    rmSync(anchorFile());
    expect(await verifyAuditChain()).toMatchObject({ ok: false, reason: "ANCHOR_MISSING" });
  });

  it("tolerates a last line cut short by a crash, not a damaged line in the middle", async () => {
    appendFileSync(anchorFile(), '{"seq":51,"hash":"ab');
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    writeFileSync(anchorFile(), `garbage\n${readFileSync(anchorFile(), "utf8")}\n`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, reason: "ANCHOR_CORRUPT", line: 1 });
  });

  it("never anchors an event whose transaction rolls back", async () => {
    let inside!: () => void;
    const appended = new Promise<void>((resolve) => (inside = resolve));
    const failing = db.$transaction(async (tx) => {
      await appendAuditEvent(tx, { type: "TEST", payload: { doomed: true } });
      inside();
      await new Promise((r) => setTimeout(r, 200));
      throw new Error("rolled back");
    });
    await appended;
    const checkpoint = flushAuditAnchor(); // waits for the open transaction, then reads committed rows only
    await expect(failing).rejects.toThrow("rolled back");
    expect(await checkpoint).toMatchObject({ skipped: "unchanged" });
    expect(lastCheckpoint(anchorFile())?.seq).toBe(50);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, events: 50 });
  });

  it("anchors what a process appends within the delay, and a verification in that process first", async () => {
    await appendEvents(3, 50);
    expect(lastCheckpoint(anchorFile())?.seq).toBe(50); // scheduled, not written on the hot path
    expect(await verifyAuditChain()).toMatchObject({ ok: true, events: 53, anchor: { seq: 53 } });
  });

  it("keeps the signing key outside the database: AUDIT_ANCHOR_KEY wins over the generated key file", async () => {
    const dir = process.env.DATA_DIR!;
    expect(existsSync(`${dir}/audit-anchor.key`)).toBe(true);
    process.env.AUDIT_ANCHOR_KEY = "a key held in the environment";
    try {
      expect(anchorKeyFrom(dir).toString()).toBe("a key held in the environment");
    } finally {
      delete process.env.AUDIT_ANCHOR_KEY;
    }
  });
});
