import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import busboy from "busboy";
import { DATA_DIR } from "~/utils/config.server";
import { AppError } from "~/utils/errors";
import { cleanFileName } from "./file-name";
import { SNIFF_BYTES } from "./sniff";

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Room for the multipart boundaries and part headers around one file. */
const MULTIPART_SLACK = 64 * 1024;

export const attachmentsDir = () => path.join(DATA_DIR, "attachments");
export const uploadTempDir = () => path.join(DATA_DIR, "uploads-tmp");
/** Where a stored file lives once its row is committed. */
export const storagePath = (storageKey: string) => path.join(attachmentsDir(), storageKey);
/**
 * Where a file waits while it is received, checked and committed: named after the storage key it
 * will have, so after a crash between the commit and the move the start-up can finish the move.
 */
export const tempPathFor = (storageKey: string) => path.join(uploadTempDir(), `${storageKey}.part`);
export const TEMP_SUFFIX = ".part";

export const fileTooLarge = () => new AppError("FILE_TOO_LARGE", 413, "attachment.error.tooLarge", { mb: MAX_FILE_BYTES / 1024 / 1024 });

/** One uploaded file, written (and flushed to disk) to a temp file; the caller moves it into place or removes it. */
export interface ReceivedFile {
  /** The storage key the file will have (its temp file is `tempPathFor(storageKey)`). */
  storageKey: string;
  tempPath: string;
  name: string;
  size: number;
  sha256: string;
  /** The first bytes, for the content sniffer. */
  head: Buffer;
}

/**
 * Streams the multipart field `file` of `request` to a temp file under DATA_DIR while hashing it:
 * never more than a chunk in memory; the bytes are on disk (fsync) before this returns, so a row
 * committed after it never names a file a power cut could lose. Over MAX_FILE_BYTES → 413; any failure removes the temp file.
 */
export async function receiveUpload(request: Request): Promise<ReceivedFile> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !request.body) {
    throw new AppError("BAD_REQUEST", 400, "attachment.error.notMultipart");
  }
  // A client that declares a body far beyond the limit is refused before a byte is stored.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_FILE_BYTES + MULTIPART_SLACK) throw fileTooLarge();
  await mkdir(uploadTempDir(), { recursive: true });
  const storageKey = randomUUID();
  const tempPath = tempPathFor(storageKey);
  try {
    const file = await streamFilePart(request.body, contentType, tempPath);
    if (!file) throw new AppError("VALIDATION_FAILED", 422, "attachment.error.noFile");
    if (file.truncated || file.size > MAX_FILE_BYTES) throw fileTooLarge();
    const { truncated: _t, ...received } = file;
    return { ...received, storageKey, tempPath };
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}

type StreamedPart = Omit<ReceivedFile, "tempPath" | "storageKey"> & { truncated: boolean };

function streamFilePart(body: ReadableStream<Uint8Array>, contentType: string, tempPath: string): Promise<StreamedPart | null> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        defParamCharset: "utf8", // browsers send the file name as raw UTF-8
        limits: { fileSize: MAX_FILE_BYTES + 1, files: 1, fields: 10, parts: 12 },
      });
    } catch {
      return reject(new AppError("BAD_REQUEST", 400, "attachment.error.notMultipart"));
    }
    let written: Promise<StreamedPart> | null = null;
    parser.on("file", (field, stream, info) => {
      if (field !== "file" || written) return void stream.resume();
      const hash = createHash("sha256");
      const head: Buffer[] = [];
      let size = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          if (size < SNIFF_BYTES) head.push(chunk.subarray(0, SNIFF_BYTES - size));
          size += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      });
      written = pipeline(stream, tap, createWriteStream(tempPath, { flags: "wx", mode: 0o600, flush: true })).then(() => ({
        name: cleanFileName(info.filename),
        size,
        sha256: hash.digest("hex"),
        head: Buffer.concat(head),
        truncated: (stream as { truncated?: boolean }).truncated === true,
      }));
      written.catch(() => {}); // observed in "close"; avoid an unhandled rejection meanwhile
    });
    parser.on("close", () => (written ?? Promise.resolve(null)).then(resolve, reject));
    parser.on("error", () => reject(new AppError("BAD_REQUEST", 400, "attachment.error.notMultipart")));
    const source = Readable.fromWeb(body as unknown as NodeWebStream<Uint8Array>);
    source.on("error", (error) => {
      parser.destroy(error);
      reject(error);
    });
    source.pipe(parser);
  });
}
