import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { appendAuditEvent } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { findVisibleRequest } from "~/modules/requests/requests.server";
import { db, type Tx } from "~/utils/db.server";
import { memoUntilWrite } from "~/utils/lean-read.server";
import { distinctIds, whenAny } from "~/utils/distinct";
import { AppError, forbidden, notFound } from "~/utils/errors";
import { ALLOWED_EXTENSIONS, sniffMediaType } from "./sniff";
import { MAX_FILE_BYTES, attachmentsDir, receiveUpload, storagePath, tempPathFor } from "./upload.server";
import { CONDITION_STATES } from "~/modules/conditions/conditions.server";
import { actsForMinistry, can } from "~/modules/auth/permissions";

export { MAX_FILE_BYTES };
export const MAX_FILES_PER_REQUEST = 10;
const EDITABLE_STATES = ["draft", "revision"];

type RequestRow = { id: string; state: string; organizationId: string };

/**
 * Whether `user` may add or remove files now: the request's own ministry officer, while the request
 * is editable (request files) or, for condition evidence, while the request is conditionally approved
 * and that condition of this request is not yet met. Read inside the write's transaction.
 */
async function assertMayChange(tx: Tx, user: CurrentUser, request: RequestRow, conditionId: string | null) {
  if (!can(user, "request:edit") || !actsForMinistry(user, request.organizationId)) throw forbidden();
  const current = await tx.demandRequest.findUniqueOrThrow({ where: { id: request.id }, select: { state: true } });
  if (conditionId === null) {
    if (!EDITABLE_STATES.includes(current.state)) throw new AppError("EVENT_NOT_ALLOWED", 422, "attachment.error.notEditable");
    return;
  }
  const condition = await tx.condition.findFirst({ where: { id: conditionId, requestId: request.id }, select: { status: true } });
  if (!condition) throw notFound();
  if (!CONDITION_STATES.includes(current.state) || condition.status === "met") {
    throw new AppError("EVENT_NOT_ALLOWED", 422, "attachment.error.evidenceClosed");
  }
}

async function assertRoom(tx: Tx, requestId: string, conditionId: string | null) {
  const count = await tx.attachment.count({ where: { requestId, conditionId } });
  if (count >= MAX_FILES_PER_REQUEST) {
    throw new AppError("TOO_MANY_FILES", 422, "attachment.error.tooMany", { max: MAX_FILES_PER_REQUEST });
  }
}

/** May this user add/remove the request's own files now? (for the page; the services re-check) */
export function mayChangeRequestFiles(user: CurrentUser, request: RequestRow): boolean {
  return can(user, "request:edit") && actsForMinistry(user, request.organizationId) && EDITABLE_STATES.includes(request.state);
}

/**
 * Receives one file (multipart field `file`) for a request, or as evidence for one of its conditions.
 * Checks rights and room before reading the body, streams it to a temp file, checks size (413) and
 * type by content and extension (415), writes the row and the ATTACH audit event in one
 * transaction, and only after the commit moves the file into DATA_DIR/attachments (ADR 0015).
 * A crash before the commit leaves a temp file and no row (swept at start); a crash between the
 * commit and the move leaves the row and its complete temp file (the start-up finishes the move).
 * Nothing is left behind on any error.
 */
export async function receiveAttachment({
  user,
  requestId,
  request,
  conditionId = null,
}: {
  user: CurrentUser;
  requestId: string;
  request: Request;
  conditionId?: string | null;
}) {
  const target = await findVisibleRequest(user, requestId);
  await db.$transaction(async (tx) => {
    await assertMayChange(tx, user, target, conditionId);
    await assertRoom(tx, requestId, conditionId);
  });
  const file = await receiveUpload(request);
  let committed = false;
  try {
    const mediaType = sniffMediaType(file.head, file.name);
    if (!mediaType) {
      throw new AppError("UNSUPPORTED_TYPE", 415, "attachment.error.unsupportedType", { types: ALLOWED_EXTENSIONS.join(", ") });
    }
    const saved = await db.$transaction(async (tx) => {
      await assertMayChange(tx, user, target, conditionId);
      await assertRoom(tx, requestId, conditionId);
      const row = await tx.attachment.create({
        data: { requestId, conditionId, name: file.name, mediaType, size: file.size, sha256: file.sha256, storageKey: file.storageKey, uploadedById: user.id },
      });
      await appendAuditEvent(tx, {
        requestId,
        actorId: user.id,
        type: "ATTACH",
        fromState: target.state,
        toState: target.state,
        payload: { attachmentId: row.id, name: row.name, size: row.size, sha256: row.sha256, ...(conditionId ? { conditionId } : {}) },
      });
      return { id: row.id, name: row.name, size: row.size, type: row.mediaType };
    });
    committed = true;
    await mkdir(attachmentsDir(), { recursive: true });
    await rename(file.tempPath, storagePath(file.storageKey));
    return saved;
  } finally {
    // before the commit nothing may stay; after it, a failed move keeps the temp file for the start-up
    if (!committed) await rm(file.tempPath, { force: true });
  }
}

/** The files of a request (and of its conditions), as the request's viewers may see them. */
export async function listAttachments({ user, requestId }: { user: CurrentUser; requestId: string }) {
  const request = await findVisibleRequest(user, requestId);
  // the list kept until the next commit (ADR 0029); what the caller may do is worked out on every call
  const items = await memoUntilWrite(`attachments|${requestId}`, "", () => readAttachments(requestId));
  return { items, canChange: mayChangeRequestFiles(user, request), maxFiles: MAX_FILES_PER_REQUEST, maxBytes: MAX_FILE_BYTES };
}

async function readAttachments(requestId: string) {
  const rows = await db.attachment.findMany({ where: { requestId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const uploaders = await whenAny(distinctIds(rows.map((r) => r.uploadedById)), (ids) =>
    db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  );
  const names = new Map(uploaders.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    size: r.size,
    type: r.mediaType,
    conditionId: r.conditionId,
    createdAt: r.createdAt,
    uploadedBy: { id: r.uploadedById, name: names.get(r.uploadedById) ?? "" },
  }));
}

async function findAttachment(user: CurrentUser, requestId: string, attachmentId: string) {
  const request = await findVisibleRequest(user, requestId);
  const row = await db.attachment.findFirst({ where: { id: attachmentId, requestId } });
  if (!row) throw notFound();
  return { request, row };
}

/** The file's place: in attachments/, or (committed a moment ago, not moved yet) still in uploads-tmp/. */
async function storedFile(storageKey: string): Promise<string | null> {
  for (const candidate of [storagePath(storageKey), tempPathFor(storageKey)]) {
    try {
      await stat(candidate);
      return candidate;
    } catch {
      // try the next place
    }
  }
  return null;
}

/** The stored bytes of one attachment, streamed (404 outside the request's visibility). */
export async function openAttachment({ user, requestId, attachmentId }: { user: CurrentUser; requestId: string; attachmentId: string }) {
  const { row } = await findAttachment(user, requestId, attachmentId);
  const file = await storedFile(row.storageKey);
  if (!file) {
    console.error(`attachment ${row.id}: stored file ${row.storageKey} is missing`);
    throw notFound();
  }
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  return { name: row.name, mediaType: row.mediaType, size: row.size, body };
}

/**
 * Removes a file while the request is editable (or the evidence's condition is open): row + DETACH
 * event, then the bytes (a crash in between leaves a file with no row, removed at start).
 */
export async function deleteAttachment({ user, requestId, attachmentId }: { user: CurrentUser; requestId: string; attachmentId: string }) {
  const { request, row } = await findAttachment(user, requestId, attachmentId);
  await db.$transaction(async (tx) => {
    await assertMayChange(tx, user, request, row.conditionId);
    const { count } = await tx.attachment.deleteMany({ where: { id: row.id } });
    if (count === 0) throw notFound();
    await appendAuditEvent(tx, {
      requestId,
      actorId: user.id,
      type: "DETACH",
      fromState: request.state,
      toState: request.state,
      payload: { attachmentId: row.id, name: row.name, size: row.size, ...(row.conditionId ? { conditionId: row.conditionId } : {}) },
    });
  });
  await rm(storagePath(row.storageKey), { force: true });
}
