/**
 * The audit anchor: signed checkpoints of the audit chain's head, kept OUTSIDE the database in an
 * append-only file (DATA_DIR/audit-anchor.jsonl, one JSON line per checkpoint). The hash chain
 * alone proves the rows agree with each other; it cannot tell that the last rows were deleted, or
 * that someone rewrote the chain and recomputed every hash. A checkpoint `(seq, hash)` signed with
 * HMAC-SHA-256 under a key the database never holds makes both visible: `verifyAuditChain` checks
 * that the row at each checkpoint's `seq` still exists and still has that hash. See ADR 0014 for
 * what this detects and what it does not.
 *
 * Appends stay fast: `appendAuditEvent` only schedules a checkpoint; one timer per process writes
 * at most one line per CHECKPOINT_DELAY_MS, reading the committed head in its own short
 * transaction (so a transaction that rolls back is never anchored), off the request path, with an
 * asynchronous fdatasync. Events of the last delay window before a crash are not anchored yet.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { DATA_DIR, demoMode } from "~/utils/config.server";
import { db, type Db } from "~/utils/db.server";

/** How long appends are gathered before one checkpoint is written. */
export const CHECKPOINT_DELAY_MS = 1000;

export const ANCHOR_FILE_NAME = "audit-anchor.jsonl";
export const ANCHOR_KEY_FILE_NAME = "audit-anchor.key";

/** Where checkpoints are read and written, and the key that signs them. */
export interface AnchorLocation {
  file: string;
  key: Buffer;
}

export interface Checkpoint {
  seq: number;
  hash: string;
  /** When the checkpoint was written (ISO). */
  at: string;
  /** First 8 hex of SHA-256(key): which key signed it. */
  kid: string;
  mac: string;
}

/**
 * The signing key: AUDIT_ANCHOR_KEY (recommended in production: then someone who can read and
 * write the data folder still cannot sign a checkpoint), else a random key generated once into
 * DATA_DIR/audit-anchor.key (which only keeps database-only tampering out).
 */
export function anchorKeyFrom(dataDir: string): Buffer {
  const existing = readAnchorKey(dataDir);
  if (existing) return existing;
  const file = path.join(dataDir, ANCHOR_KEY_FILE_NAME);
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, key, { mode: 0o600, flag: "wx" });
  } catch (error) {
    // another process of this instance made it first: use theirs
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return Buffer.from(readFileSync(file, "utf8").trim(), "utf8");
    throw error;
  }
  return Buffer.from(key, "utf8");
}

/** The key if there is one (AUDIT_ANCHOR_KEY, else the key file in `dataDir`); never makes one. */
export function readAnchorKey(dataDir: string): Buffer | null {
  const fromEnv = process.env.AUDIT_ANCHOR_KEY;
  if (fromEnv) return Buffer.from(fromEnv, "utf8");
  const file = path.join(dataDir, ANCHOR_KEY_FILE_NAME);
  return existsSync(file) ? Buffer.from(readFileSync(file, "utf8").trim(), "utf8") : null;
}

let defaultLocation: AnchorLocation | undefined;
/** The anchor of this instance (DATA_DIR). */
export function defaultAnchor(): AnchorLocation {
  if (!defaultLocation && !demoMode && !process.env.AUDIT_ANCHOR_KEY) {
    console.warn("AUDIT_ANCHOR_KEY is not set: the audit anchor's key is kept in the data folder, beside what it protects (ADR 0014).");
  }
  return (defaultLocation ??= { file: path.join(DATA_DIR, ANCHOR_FILE_NAME), key: anchorKeyFrom(DATA_DIR) });
}

export const keyId = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 8);

function mac(key: Buffer, c: Pick<Checkpoint, "seq" | "hash" | "at">): string {
  return createHmac("sha256", key).update(`ax-audit-anchor:v1\n${c.seq}\n${c.hash}\n${c.at}`).digest("hex");
}

export function signCheckpoint(key: Buffer, head: { seq: number; hash: string }, at = new Date()): Checkpoint {
  const base = { seq: head.seq, hash: head.hash, at: at.toISOString() };
  return { ...base, kid: keyId(key), mac: mac(key, base) };
}

export type CheckpointCheck = "ok" | "badSignature" | "otherKey";
export function checkSignature(key: Buffer, c: Checkpoint): CheckpointCheck {
  if (c.kid !== keyId(key)) return "otherKey";
  const expected = Buffer.from(mac(key, c), "hex");
  const given = Buffer.from(c.mac, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? "ok" : "badSignature";
}

function parseLine(line: string): Checkpoint | null {
  try {
    const c = JSON.parse(line) as Partial<Checkpoint>;
    if (!Number.isSafeInteger(c.seq) || typeof c.hash !== "string" || typeof c.at !== "string" || typeof c.kid !== "string" || typeof c.mac !== "string")
      return null;
    return c as Checkpoint;
  } catch {
    return null;
  }
}

export type AnchorLine = { checkpoint: Checkpoint; line: number } | { checkpoint: null; line: number; torn: boolean };

/**
 * Streams the checkpoints of an anchor file (bounded memory, whatever its length). A last line
 * without its newline that does not parse is a write cut short by a crash (`torn`), not tampering.
 */
export async function* readCheckpoints(file: string): AsyncGenerator<AnchorLine> {
  if (!existsSync(file)) return;
  const endsWithNewline = lastByte(file) === 0x0a;
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let pending: { text: string; line: number } | null = null;
  let n = 0;
  for await (const text of lines) {
    if (pending) yield lineOf(pending, false);
    pending = { text, line: ++n };
  }
  if (pending) yield lineOf(pending, !endsWithNewline);
}

function lineOf({ text, line }: { text: string; line: number }, last: boolean): AnchorLine {
  const checkpoint = parseLine(text);
  return checkpoint ? { checkpoint, line } : { checkpoint: null, line, torn: last };
}

function lastByte(file: string): number | null {
  const size = statSync(file).size;
  if (size === 0) return null;
  const fd = openSync(file, "r");
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, size - 1);
    return b[0];
  } finally {
    closeSync(fd);
  }
}

/** The last complete checkpoint of the file (reads only its tail). */
export function lastCheckpoint(file: string): Checkpoint | null {
  if (!existsSync(file)) return null;
  const size = statSync(file).size;
  const length = Math.min(size, 64 * 1024);
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString("utf8").split("\n");
    for (let i = lines.length - 1; i >= 0; i--) {
      const c = parseLine(lines[i]);
      if (c) return c;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

async function appendLine(file: string, checkpoint: Checkpoint): Promise<void> {
  const handle = await open(file, "a", 0o600);
  try {
    await handle.write(`${JSON.stringify(checkpoint)}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

export type AnchorWrite =
  | { written: Checkpoint }
  | { skipped: "empty" | "unchanged" }
  /** The chain no longer contains the last checkpoint: the anchor stays where it is (evidence) and says so. */
  | { refused: "chainShorter" | "chainRewritten"; last: Checkpoint };

/**
 * Anchors the committed head of the chain, if it moved past the last checkpoint. Never anchors a
 * chain that no longer contains the last checkpoint as it was: that is the tampering the anchor
 * exists to show, so it is left for `verifyAuditChain` to report.
 */
export async function writeCheckpoint({ client = db, anchor = defaultAnchor() }: { client?: Db; anchor?: AnchorLocation } = {}): Promise<AnchorWrite> {
  const last = lastCheckpoint(anchor.file);
  // A short transaction: on the one SQLite connection it waits for any open writer, so it reads
  // only committed rows (a rolled-back event is never anchored).
  const { head, atLast } = await client.$transaction(async (tx) => ({
    head: await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } }),
    atLast: last ? await tx.auditEvent.findUnique({ where: { seq: last.seq }, select: { hash: true } }) : null,
  }));
  if (last && atLast?.hash !== last.hash) {
    return { refused: atLast ? "chainRewritten" : "chainShorter", last };
  }
  if (!head) return { skipped: "empty" };
  if (last && head.seq <= last.seq) return { skipped: "unchanged" };
  const checkpoint = signCheckpoint(anchor.key, head);
  await appendLine(anchor.file, checkpoint);
  return { written: checkpoint };
}

// ---- the per-process writer: appends schedule, one timer writes -------------------------------

let timer: NodeJS.Timeout | null = null;
let writing: Promise<unknown> = Promise.resolve();
let lastRefusalLog = 0;

function logOutcome(result: AnchorWrite) {
  if (!("refused" in result)) return;
  if (Date.now() - lastRefusalLog < 60_000) return;
  lastRefusalLog = Date.now();
  console.error(
    `AUDIT ANCHOR: the audit chain no longer contains checkpoint #${result.last.seq} (${result.refused}); ` +
      "the anchor is not advanced. Run `npm run audit:verify`.",
  );
}

function runWrite(): Promise<AnchorWrite> {
  const next = writing.then(() => writeCheckpoint());
  writing = next.then(logOutcome, (error: unknown) => {
    // the data folder went away (a test's temp folder after its run) or the disk failed: say so, go on
    if ((error as NodeJS.ErrnoException)?.code !== "ENOENT") console.error("AUDIT ANCHOR: checkpoint failed", error);
  });
  return next;
}

/** Called after an event is appended (inside its transaction): a checkpoint follows within the delay. */
export function scheduleAuditCheckpoint(): void {
  if (timer) return;
  timer = setTimeout(() => {
    timer = null;
    void runWrite().catch(() => {});
  }, CHECKPOINT_DELAY_MS);
  timer.unref();
}

/**
 * Stops the pending checkpoint without writing it and waits for a write in progress (a test file's
 * database is dropped next: a late checkpoint would query a database that no longer exists).
 */
export async function cancelAuditCheckpoint(): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  await writing;
}

/** True while this process has appended events that are not anchored yet. */
export const checkpointPending = () => timer !== null;

/**
 * Writes the pending checkpoint now (at graceful shutdown, after a batch, before a verification in
 * the same process). Resolves once the line is on disk.
 */
export async function flushAuditAnchor(): Promise<AnchorWrite> {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  return runWrite();
}

/**
 * At start: anchors the current head when this instance has no anchor yet (a database from before
 * anchors, or a fresh one) and reports a chain that no longer contains its last checkpoint. Never
 * throws for tampering (the service keeps running; `audit:verify` names the damage).
 */
export async function openAuditAnchor(): Promise<{ status: "adopted" | "current" | "advanced" | "empty" | "tampered"; checkpoint?: Checkpoint }> {
  const anchor = defaultAnchor();
  const had = lastCheckpoint(anchor.file);
  const result = await runWrite();
  if ("refused" in result) return { status: "tampered", checkpoint: result.last };
  if ("written" in result) {
    if (!had) console.warn(`Audit anchor started at event #${result.written.seq} (no earlier checkpoint in ${anchor.file}).`);
    return { status: had ? "advanced" : "adopted", checkpoint: result.written };
  }
  return { status: result.skipped === "empty" ? "empty" : "current", checkpoint: had ?? undefined };
}
