import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { userByEmail } from "~/modules/seed/drive.server";
import { createRequest } from "~/modules/requests/requests.server";
import { DATA_DIR } from "~/utils/config.server";
import { db } from "~/utils/db.server";
import { deleteAttachment, listAttachments, receiveAttachment } from "./attachments.server";

// The audit write can be made to fail, to prove a failed transaction leaves no stored file behind.
const failAudit = vi.hoisted(() => ({ on: false }));
vi.mock("~/modules/audit/audit.server", async (original) => {
  const actual = await original<typeof import("~/modules/audit/audit.server")>();
  return {
    ...actual,
    appendAuditEvent: (...args: Parameters<typeof actual.appendAuditEvent>) => {
      if (failAudit.on) throw new Error("disk full");
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
  requestId = (await createRequest({ user: officer, fields: { title: "첨부 서비스 시험" } })).id;
});

function multipart(name: string, bytes: Buffer): Request {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  return new Request("http://localhost/upload", { method: "POST", body: form });
}
const files = () => ["attachments", "uploads-tmp"].flatMap((d) => (existsSync(path.join(DATA_DIR, d)) ? readdirSync(path.join(DATA_DIR, d)) : []));
const hwp = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1000, 7)]);

describe("receiveAttachment", () => {
  it("stores the bytes under a random key with their hash, sniffed type and Korean name, and audits it", async () => {
    const saved = await receiveAttachment({ user: officer, requestId, request: multipart("사업계획서.hwp", hwp) });
    expect(saved).toMatchObject({ name: "사업계획서.hwp", size: hwp.length, type: "application/x-hwp" });
    const row = await db.attachment.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(path.join(DATA_DIR, "attachments"))).toContain(row.storageKey);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { requestId, type: "ATTACH" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(audit.payload)).toMatchObject({ attachmentId: saved.id, name: "사업계획서.hwp", size: hwp.length });
  });

  it("removes the moved file when the database transaction fails", async () => {
    const before = files();
    const rows = await db.attachment.count({ where: { requestId } });
    failAudit.on = true;
    try {
      await expect(receiveAttachment({ user: officer, requestId, request: multipart("예산.hwp", hwp) })).rejects.toThrow("disk full");
    } finally {
      failAudit.on = false;
    }
    expect(files()).toEqual(before);
    expect(await db.attachment.count({ where: { requestId } })).toBe(rows);
  });

  it("refuses a type mismatch with 415 and keeps nothing", async () => {
    const before = files();
    await expect(receiveAttachment({ user: officer, requestId, request: multipart("계획.hwp", Buffer.from("%PDF-1.7 not an hwp")) })).rejects.toMatchObject({
      status: 415,
      code: "UNSUPPORTED_TYPE",
    });
    expect(files()).toEqual(before);
  });

  it("deletes row and bytes; the list follows", async () => {
    const { items } = await listAttachments({ user: officer, requestId });
    const row = await db.attachment.findUniqueOrThrow({ where: { id: items[0].id } });
    await deleteAttachment({ user: officer, requestId, attachmentId: row.id });
    expect(readdirSync(path.join(DATA_DIR, "attachments"))).not.toContain(row.storageKey);
    expect((await listAttachments({ user: officer, requestId })).items.map((i) => i.id)).not.toContain(row.id);
  });
});
