/**
 * Start-up reconciliation of stored attachment files with their rows (ADR 0015). An upload writes
 * its temp file, commits the row, then moves the file; a delete commits, then removes the file. A
 * crash (kill -9, power cut) can stop either between its steps, so before the server takes
 * requests the start calls `reconcileAttachmentStorage()`, which makes every row have its file and
 * every file have its row:
 * - a temp file whose row is committed (crash between commit and move): the move is finished, if
 *   its size and SHA-256 are the row's;
 * - any other temp file (an upload cut off, or refused): removed;
 * - a stored file with no row (a delete cut off after its commit): removed;
 * - a row whose bytes are gone (nothing to finish the move with): the row is removed and an
 *   ATTACHMENT_LOST audit event keeps what it was, so the request page never offers a dead link.
 * It leaves alone anything newer than its own start, so a call while uploads run cannot break one.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { openAuditAnchor } from "~/modules/audit/anchor.server";
import { appendAuditEvent } from "~/modules/audit/audit.server";
import { db } from "~/utils/db.server";
import { attachmentsDir, storagePath, TEMP_SUFFIX, tempPathFor, uploadTempDir } from "./upload.server";

export interface StorageReconciliation {
  /** Temp files whose committed row was waiting for them: moved into place. */
  movesFinished: number;
  /** Temp files of uploads that never committed: removed. */
  tempFilesRemoved: number;
  /** Stored files no row names: removed. */
  orphanFilesRemoved: number;
  /** Rows whose bytes were gone: removed, each with an ATTACHMENT_LOST audit event. */
  lostRowsRemoved: number;
}

const PAGE = 1000;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

async function filesIn(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Modified before `since` (so not an upload running now). */
async function olderThan(file: string, since: number): Promise<boolean> {
  try {
    return (await stat(file)).mtimeMs < since;
  } catch {
    return false;
  }
}

/** Makes stored files and attachment rows agree after a crash; call once at start, before serving. */
export async function reconcileAttachmentStorage({ now = Date.now() }: { now?: number } = {}): Promise<StorageReconciliation> {
  const report: StorageReconciliation = { movesFinished: 0, tempFilesRemoved: 0, orphanFilesRemoved: 0, lostRowsRemoved: 0 };
  await mkdir(attachmentsDir(), { recursive: true });
  await mkdir(uploadTempDir(), { recursive: true });

  // 1. temp files: finish the moves whose rows committed, remove the rest
  for (const name of await filesIn(uploadTempDir())) {
    const temp = path.join(uploadTempDir(), name);
    if (!(await olderThan(temp, now))) continue;
    const storageKey = name.endsWith(TEMP_SUFFIX) ? name.slice(0, -TEMP_SUFFIX.length) : null;
    const row = storageKey ? await db.attachment.findUnique({ where: { storageKey }, select: { size: true, sha256: true } }) : null;
    if (storageKey && row && !(await exists(storagePath(storageKey))) && (await stat(temp)).size === row.size && (await sha256Of(temp)) === row.sha256) {
      await rename(temp, storagePath(storageKey));
      report.movesFinished++;
    } else {
      await rm(temp, { force: true });
      report.tempFilesRemoved++;
    }
  }

  // 2. rows against stored files, in keyset pages (memory: the file names, not the rows)
  const unclaimed = new Set(await filesIn(attachmentsDir()));
  const lost: { id: string; requestId: string; conditionId: string | null; name: string; size: number; sha256: string; storageKey: string }[] = [];
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.attachment.findMany({
      where: cursor ? { id: { gt: cursor } } : {},
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, requestId: true, conditionId: true, name: true, size: true, sha256: true, storageKey: true },
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      if (unclaimed.delete(row.storageKey)) continue;
      // an upload that committed after the listing: its file is still in uploads-tmp, or already moved
      // (temp first, then final: the move goes from one to the other)
      if ((await exists(tempPathFor(row.storageKey))) || (await exists(storagePath(row.storageKey)))) continue;
      lost.push(row);
    }
    cursor = rows[rows.length - 1].id;
  }

  // 3. files no row names
  for (const name of unclaimed) {
    const file = path.join(attachmentsDir(), name);
    if (!(await olderThan(file, now))) continue;
    await rm(file, { force: true });
    report.orphanFilesRemoved++;
  }

  // 4. rows whose bytes are gone: removed, with their trace in the audit log
  for (const row of lost) {
    const removed = await db.$transaction(async (tx) => {
      const { count } = await tx.attachment.deleteMany({ where: { id: row.id, storageKey: row.storageKey } });
      if (count === 0) return false;
      const request = await tx.demandRequest.findUnique({ where: { id: row.requestId }, select: { state: true } });
      await appendAuditEvent(tx, {
        requestId: row.requestId,
        actorId: null,
        type: "ATTACHMENT_LOST",
        fromState: request?.state ?? null,
        toState: request?.state ?? null,
        payload: {
          attachmentId: row.id,
          name: row.name,
          size: row.size,
          sha256: row.sha256,
          storageKey: row.storageKey,
          ...(row.conditionId ? { conditionId: row.conditionId } : {}),
        },
      });
      return true;
    });
    if (removed) {
      console.error(`attachment ${row.id} (${row.name}) of request ${row.requestId}: stored file ${row.storageKey} is gone; row removed (ATTACHMENT_LOST)`);
      report.lostRowsRemoved++;
    }
  }
  return report;
}

/**
 * What a start after a crash needs before the server takes requests (one call from the start
 * script): the audit anchor opened (adopted, advanced or found tampered), then stored files and
 * rows reconciled. Says what it repaired.
 */
export async function recoverAtStart(): Promise<{ anchor: Awaited<ReturnType<typeof openAuditAnchor>>; storage: StorageReconciliation }> {
  const anchor = await openAuditAnchor();
  if (anchor.status === "tampered")
    console.error(`AUDIT ANCHOR: the audit chain no longer matches checkpoint #${anchor.checkpoint?.seq}. Run \`npm run audit:verify\`.`);
  const storage = await reconcileAttachmentStorage();
  if (Object.values(storage).some((n) => n > 0)) console.log(`Attachment storage reconciled after a crash: ${JSON.stringify(storage)}`);
  return { anchor, storage };
}
