import { existsSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { userByEmail } from "~/modules/seed/drive.server";
import { createRequest } from "~/modules/requests/requests.server";
import { db } from "~/utils/db.server";
import { listAttachments, openAttachment, receiveAttachment } from "./attachments.server";
import { reconcileAttachmentStorage } from "./storage.server";
import { attachmentsDir, storagePath, tempPathFor, uploadTempDir } from "./upload.server";

// Lets a test look at the disk at the moment the ATTACH event is written (inside the transaction).
const atAppend = vi.hoisted(() => ({ probe: null as null | (() => void) }));
vi.mock("~/modules/audit/audit.server", async (original) => {
  const actual = await original<typeof import("~/modules/audit/audit.server")>();
  return {
    ...actual,
    appendAuditEvent: (...args: Parameters<typeof actual.appendAuditEvent>) => {
      atAppend.probe?.();
      return actual.appendAuditEvent(...args);
    },
  };
});

type User = Awaited<ReturnType<typeof userByEmail>>;
let officer: User;
let requestId: string;

beforeAll(async () => {
  await seedUsers();
  officer = await userByEmail("officer@mohw.go.kr");
  requestId = (await createRequest({ user: officer, fields: { title: "저장소 복구 시험" } })).id;
});

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
function multipart(name: string, bytes: Buffer): Request {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  return new Request("http://localhost/upload", { method: "POST", body: form });
}
const upload = (name: string, text = name) => receiveAttachment({ user: officer, requestId, request: multipart(name, pdf(text)) });
const keyOf = async (id: string) => (await db.attachment.findUniqueOrThrow({ where: { id } })).storageKey;
const list = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
/** Files written "before the crash": older than the reconciliation's start. */
function age(file: string) {
  const past = new Date(Date.now() - 60_000);
  utimesSync(file, past, past);
}
const reconcileLater = () => reconcileAttachmentStorage({ now: Date.now() + 1000 });

describe("upload crash consistency", () => {
  it("moves the file into attachments/ only after the row is committed", async () => {
    const seen: string[][] = [];
    atAppend.probe = () => seen.push(list(attachmentsDir()));
    try {
      const saved = await upload("계획서.pdf");
      const key = await keyOf(saved.id);
      expect(seen).toHaveLength(1);
      expect(seen[0]).not.toContain(key); // inside the transaction the file is not there yet
      expect(list(attachmentsDir())).toContain(key);
      expect(list(uploadTempDir())).toEqual([]);
    } finally {
      atAppend.probe = null;
    }
  });

  it("serves a file committed a moment ago that is still waiting in uploads-tmp", async () => {
    const saved = await upload("대기.pdf", "waiting");
    const key = await keyOf(saved.id);
    renameSync(storagePath(key), tempPathFor(key));
    const file = await openAttachment({ user: officer, requestId, attachmentId: saved.id });
    expect(Buffer.from(await new Response(file.body).arrayBuffer()).toString()).toContain("waiting");
    renameSync(tempPathFor(key), storagePath(key));
  });
});

describe("reconcileAttachmentStorage (at start, after a kill -9)", () => {
  it("finishes the move of a committed upload, sweeps cut-off temp files and files with no row", async () => {
    // killed between commit and move: the row and its complete temp file
    const committed = await upload("커밋됨.pdf", "committed");
    const key = await keyOf(committed.id);
    renameSync(storagePath(key), tempPathFor(key));
    age(tempPathFor(key));
    // killed while receiving: a temp file with no row
    writeFileSync(path.join(uploadTempDir(), "0f2b0c3e-cut-off.part"), "half an upl");
    age(path.join(uploadTempDir(), "0f2b0c3e-cut-off.part"));
    // killed after a delete's commit (or, before this fix, before an upload's commit): a file with no row
    writeFileSync(path.join(attachmentsDir(), "5d1c0c2a-no-row"), pdf("orphan"));
    age(path.join(attachmentsDir(), "5d1c0c2a-no-row"));

    expect(await reconcileLater()).toEqual({ movesFinished: 1, tempFilesRemoved: 1, orphanFilesRemoved: 1, lostRowsRemoved: 0 });
    expect(list(uploadTempDir())).toEqual([]);
    expect(readFileSync(storagePath(key)).toString()).toContain("committed");
    const rows = await db.attachment.findMany({ select: { storageKey: true } });
    expect(list(attachmentsDir()).sort()).toEqual(rows.map((r) => r.storageKey).sort());
    expect(await reconcileLater()).toEqual({ movesFinished: 0, tempFilesRemoved: 0, orphanFilesRemoved: 0, lostRowsRemoved: 0 });
  });

  it("removes a row whose bytes are gone, with an ATTACHMENT_LOST audit event, and the chain still verifies", async () => {
    const saved = await upload("유실.pdf", "lost");
    const key = await keyOf(saved.id);
    rmSync(storagePath(key));
    expect(await reconcileLater()).toMatchObject({ lostRowsRemoved: 1 });
    expect(await db.attachment.findUnique({ where: { id: saved.id } })).toBeNull();
    expect((await listAttachments({ user: officer, requestId })).items.map((i) => i.id)).not.toContain(saved.id);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: "ATTACHMENT_LOST" }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ requestId, actorId: null });
    expect(JSON.parse(event.payload)).toMatchObject({ attachmentId: saved.id, name: "유실.pdf", storageKey: key });
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("does not trust a damaged temp file: the row is reported lost instead", async () => {
    const saved = await upload("손상.pdf", "intact");
    const key = await keyOf(saved.id);
    rmSync(storagePath(key));
    writeFileSync(tempPathFor(key), pdf("tampered"));
    age(tempPathFor(key));
    expect(await reconcileLater()).toMatchObject({ movesFinished: 0, tempFilesRemoved: 1, lostRowsRemoved: 1 });
    expect(existsSync(storagePath(key))).toBe(false);
  });

  it("leaves alone what is newer than its own start (an upload running meanwhile)", async () => {
    writeFileSync(path.join(uploadTempDir(), "running.part"), "in progress");
    writeFileSync(path.join(attachmentsDir(), "just-moved"), "x");
    const nothingToDo = { movesFinished: 0, tempFilesRemoved: 0, orphanFilesRemoved: 0, lostRowsRemoved: 0 };
    expect(await reconcileAttachmentStorage({ now: Date.now() - 60_000 })).toEqual(nothingToDo);
    expect(list(uploadTempDir())).toContain("running.part");
    expect(await reconcileLater()).toMatchObject({ tempFilesRemoved: 1, orphanFilesRemoved: 1 });
  });
});
