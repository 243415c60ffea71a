import Database from "better-sqlite3";
import { execFile, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { flushAuditAnchor, lastCheckpoint, readAnchorKey } from "~/modules/audit/anchor.server";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { deleteAttachment, receiveAttachment } from "~/modules/attachments/attachments.server";
import { createRequest, updateRequest } from "~/modules/requests/requests.server";
import { userByEmail } from "~/modules/seed/drive.server";
import { db, dbEngine } from "~/utils/db.server";
import { type BackupManifest, clientFor, restoreInstance } from "./backup.server";

const run = promisify(execFile);
const scratch = mkdtempSync(path.join(tmpdir(), "ax-restore-"));
afterAll(() => import("node:fs").then((fs) => fs.rmSync(scratch, { recursive: true, force: true })));

type User = Awaited<ReturnType<typeof userByEmail>>;
let officer: User;

beforeAll(async () => {
  await seedUsers();
  officer = await userByEmail("officer@mohw.go.kr");
});

function multipart(name: string, text: string): Request {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`))]), name);
  return new Request("http://localhost/upload", { method: "POST", body: form });
}

/** One round of everyday writes: a draft, an edit, two uploads, one of them deleted again. */
async function writeRound(i: number) {
  const { id } = await createRequest({ user: officer, fields: { title: `백업 중 작성 ${i}` } });
  await updateRequest({ user: officer, requestId: id, expectedVersion: 1, fields: { title: `백업 중 수정 ${i}`, gpusRequested: i + 1 } });
  const kept = await receiveAttachment({ user: officer, requestId: id, request: multipart(`유지-${i}.pdf`, `kept ${i}`) });
  const gone = await receiveAttachment({ user: officer, requestId: id, request: multipart(`삭제-${i}.pdf`, `gone ${i}`) });
  await deleteAttachment({ user: officer, requestId: id, attachmentId: gone.id });
  return kept;
}

const count = (sqlite: Database.Database, sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;

// the SQLite online backup; a PostgreSQL deployment backs up with pg_dump (README "Deploying", ADR 0024)
describe.skipIf(dbEngine === "postgresql")("db:backup of a live database, db:restore into a stopped instance", () => {
  let backupDir: string;
  let manifest: BackupManifest;

  it("backs up while writes go on; the copy restores with its audit chain, anchor, rows and files consistent", async () => {
    for (let i = 0; i < 5; i++) await writeRound(i);
    await flushAuditAnchor();

    // the real script in its own process, while this one keeps writing
    let writing = true;
    let duringBackup = 0;
    const writer = (async () => {
      for (let i = 100; writing; i++) {
        await writeRound(i);
        duringBackup++;
      }
    })();
    const backup = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts", "backup.ts")], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    backup.stdout.on("data", (d) => (output += d));
    backup.stderr.on("data", (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => backup.on("exit", resolve));
    writing = false;
    await writer;
    expect(code, output).toBe(0);
    expect(duringBackup).toBeGreaterThan(0);

    backupDir = /Backup written to (\S+)/.exec(output)![1];
    manifest = JSON.parse(readFileSync(path.join(backupDir, "manifest.json"), "utf8"));
    expect(manifest.audit).toMatchObject({ ok: true });
    expect(manifest.attachments.missing).toEqual([]);

    // the live instance went on after the snapshot
    expect(await db.auditEvent.count()).toBeGreaterThan(manifest.counts.AuditEvent);

    const target = { dataDir: path.join(scratch, "data"), databaseFile: path.join(scratch, "data", "app.db") };
    const restored = await restoreInstance({ from: path.join(backupDir, "app.db"), ...target });
    expect(restored.counts).toEqual(manifest.counts);

    // the restored instance: chain + anchor verify; every row has its file and every file its row
    const client = clientFor(target.databaseFile);
    try {
      const key = readAnchorKey(target.dataDir)!;
      expect(await verifyAuditChain({ client, anchor: { file: path.join(target.dataDir, "audit-anchor.jsonl"), key } })).toMatchObject({
        ok: true,
        events: manifest.counts.AuditEvent,
      });
    } finally {
      await client.$disconnect();
    }
    const sqlite = new Database(target.databaseFile, { readonly: true });
    try {
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      // one transaction = row + event: the snapshot has both or neither
      expect(count(sqlite, `SELECT COUNT(*) n FROM "DemandRequest"`)).toBe(count(sqlite, `SELECT COUNT(*) n FROM "AuditEvent" WHERE "type" = 'CREATE'`));
      expect(count(sqlite, `SELECT COUNT(*) n FROM "Attachment"`)).toBe(
        count(sqlite, `SELECT COUNT(*) n FROM "AuditEvent" WHERE "type" = 'ATTACH'`) -
          count(sqlite, `SELECT COUNT(*) n FROM "AuditEvent" WHERE "type" = 'DETACH'`),
      );
      const keys = (sqlite.prepare(`SELECT "storageKey" FROM "Attachment"`).all() as { storageKey: string }[]).map((r) => r.storageKey).sort();
      expect(readdirSync(path.join(target.dataDir, "attachments")).sort()).toEqual(keys);
    } finally {
      sqlite.close();
    }
  }, 120_000);

  it("refuses to restore over a database another process holds open", async () => {
    const target = path.join(scratch, "busy.db");
    new Database(target).close();
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const D = require("better-sqlite3"); const d = new D(${JSON.stringify(target)}); d.prepare("select 1").get(); console.log("open"); setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise((resolve) => holder.stdout.once("data", resolve));
      await expect(restoreInstance({ from: backupDir, dataDir: path.join(scratch, "busy"), databaseFile: target })).rejects.toThrow(/open in process/);
    } finally {
      holder.kill();
    }
  });

  it("refuses a backup whose audit tail was cut", async () => {
    const copy = path.join(scratch, "cut");
    cpSync(backupDir, copy, { recursive: true });
    const sqlite = new Database(path.join(copy, "app.db"));
    const anchored = lastCheckpoint(path.join(copy, "audit-anchor.jsonl"))!.seq;
    sqlite.prepare(`DELETE FROM "AuditEvent" WHERE "seq" >= ?`).run(anchored - 2); // the tail, down past the last checkpoint
    sqlite.close();
    const target = path.join(scratch, "cut-target");
    await expect(restoreInstance({ from: copy, dataDir: target, databaseFile: path.join(target, "app.db") })).rejects.toThrow(/TRUNCATED/);
  });

  it("the script names what it refuses", async () => {
    const result = await run(process.execPath, ["--import", "tsx", path.resolve("scripts", "restore.ts"), path.join(scratch, "nowhere")], {
      env: process.env,
    }).catch((e: { code: number; stderr: string }) => e);
    expect(result).toMatchObject({ code: 1, stderr: expect.stringMatching(/not a complete backup/) });
  });
});
