/**
 * Online backup and offline restore of one instance (ADR 0016): the SQLite database, the stored
 * attachment files and the audit anchor, consistent with each other.
 *
 * Backup (`npm run db:backup`, while the server runs): `VACUUM INTO` copies the database inside one
 * read transaction — a consistent snapshot that never blocks the writers (WAL). Attachment files
 * are immutable, so they are hard-linked (copied across file systems) before the snapshot and the
 * ones committed meanwhile are linked after it; files the snapshot does not name are dropped. The
 * anchor keeps the checkpoints the snapshot contains. The copy is verified (integrity check, audit
 * chain against its anchor, a file for every row) before it is named complete.
 *
 * Restore (`npm run db:restore -- <backup>`, server stopped): verifies the backup, moves the current
 * database, files and anchor aside (never deletes them), then puts the backup's in place.
 */
import Database from "better-sqlite3";
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { ANCHOR_FILE_NAME, ANCHOR_KEY_FILE_NAME, readAnchorKey, readCheckpoints } from "~/modules/audit/anchor.server";
import { type AuditVerification, verifyAuditChain } from "~/modules/audit/audit.server";
import { now } from "~/utils/clock";

export const BACKUP_DB_NAME = "app.db";
export const MANIFEST_NAME = "manifest.json";
/** Tables whose row counts the manifest records (and a restore checks). */
export const COUNTED_TABLES = [
  "Organization",
  "User",
  "DemandRequest",
  "AuditEvent",
  "Attachment",
  "JointPlan",
  "Meeting",
  "AgendaItem",
  "Decision",
  "Signoff",
  "Condition",
  "Tranche",
  "Allocation",
] as const;

export interface Instance {
  /** DATA_DIR: attachments/, uploads-tmp/, the anchor (and its key file when there is no AUDIT_ANCHOR_KEY). */
  dataDir: string;
  /** The SQLite database file. */
  databaseFile: string;
}

export interface BackupManifest {
  createdAt: string;
  counts: Record<string, number>;
  audit: AuditVerification;
  attachments: { files: number; missing: string[] };
  /** Whether the anchor's key file is in the backup (not when the key comes from AUDIT_ANCHOR_KEY). */
  anchorKeyIncluded: boolean;
}

export const databaseFileFromUrl = (url: string) => path.resolve(url.replace(/^file:/, ""));

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace("T", "-")
    .replace(/\.(\d+)Z$/, "$1Z");

/** Hard link, or a copy where a link cannot be made (another file system). */
function linkOrCopy(from: string, to: string) {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    if (code === "EXDEV" || code === "EPERM" || code === "EMLINK") copyFileSync(from, to);
    else throw error;
  }
}

const filesIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];

function countRows(sqlite: Database.Database): Record<string, number> {
  return Object.fromEntries(COUNTED_TABLES.map((t) => [t, (sqlite.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n]));
}

/** A Prisma client on another database file (a backup, or a restored copy). */
export function clientFor(databaseFile: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${databaseFile}` }) });
}

/** Checks a backup folder on its own: SQLite integrity, the audit chain against its anchor, a file for every row. */
export async function verifyBackup(
  dir: string,
): Promise<{ ok: boolean; problems: string[]; counts: Record<string, number>; audit: AuditVerification; attachments: BackupManifest["attachments"] }> {
  const problems: string[] = [];
  const dbFile = path.join(dir, BACKUP_DB_NAME);
  const sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
  let counts: Record<string, number>;
  let keys: string[];
  try {
    const integrity = sqlite.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") problems.push(`integrity_check: ${String(integrity)}`);
    counts = countRows(sqlite);
    keys = (sqlite.prepare(`SELECT "storageKey" FROM "Attachment"`).all() as { storageKey: string }[]).map((r) => r.storageKey);
  } finally {
    sqlite.close();
  }
  const present = new Set(filesIn(path.join(dir, "attachments")));
  const missing = keys.filter((k) => !present.has(k));
  if (missing.length > 0) problems.push(`${missing.length} attachment file(s) missing`);
  const key = readAnchorKey(dir);
  let audit: AuditVerification;
  if (!key) {
    audit = { ok: false, reason: "ANCHOR_MISSING", brokenAt: 1, events: 0 };
    problems.push("no anchor key: set AUDIT_ANCHOR_KEY (the backup holds no key file)");
  } else {
    const client = clientFor(dbFile);
    try {
      audit = await verifyAuditChain({ client, anchor: { file: path.join(dir, ANCHOR_FILE_NAME), key } });
    } finally {
      await client.$disconnect();
    }
    if (!audit.ok) problems.push(`audit chain broken at #${audit.brokenAt} (${audit.reason})`);
  }
  return { ok: problems.length === 0, problems, counts, audit, attachments: { files: present.size, missing } };
}

/**
 * Takes a consistent backup of a running instance into `<dataDir>/backups/<timestamp>/`
 * (app.db, attachments/, audit-anchor.jsonl, the key file if any, manifest.json).
 */
export async function backupInstance({ dataDir, databaseFile }: Instance): Promise<{ dir: string; manifest: BackupManifest; ok: boolean; problems: string[] }> {
  const backups = path.join(dataDir, "backups");
  const dir = path.join(backups, stamp(now()));
  const partial = `${dir}.partial`;
  mkdirSync(path.join(partial, "attachments"), { recursive: true });
  const attachments = path.join(dataDir, "attachments");

  // 1. every stored file before the snapshot (immutable, so a link is a copy)
  for (const name of filesIn(attachments)) linkOrCopy(path.join(attachments, name), path.join(partial, "attachments", name));

  // 2. the database, in one read transaction
  const source = new Database(databaseFile, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 10000");
    source.prepare("VACUUM INTO ?").run(path.join(partial, BACKUP_DB_NAME));
  } finally {
    source.close();
  }

  // 3. the files the snapshot names that arrived after step 1 (still in uploads-tmp if not moved yet); drop the others
  const snapshot = new Database(path.join(partial, BACKUP_DB_NAME), { readonly: true });
  let keys: Set<string>;
  let headSeq: number;
  try {
    keys = new Set((snapshot.prepare(`SELECT "storageKey" FROM "Attachment"`).all() as { storageKey: string }[]).map((r) => r.storageKey));
    headSeq = (snapshot.prepare(`SELECT MAX("seq") AS s FROM "AuditEvent"`).get() as { s: number | null }).s ?? 0;
  } finally {
    snapshot.close();
  }
  const linked = new Set(filesIn(path.join(partial, "attachments")));
  for (const key of keys) {
    if (linked.has(key)) continue;
    for (const from of [path.join(attachments, key), path.join(dataDir, "uploads-tmp", `${key}.part`)]) {
      if (existsSync(from)) {
        linkOrCopy(from, path.join(partial, "attachments", key));
        break;
      }
    }
  }
  for (const name of linked) if (!keys.has(name)) rmSync(path.join(partial, "attachments", name));

  // 4. the anchor: the checkpoints of events the snapshot holds (never one ahead of it)
  const anchorLines: string[] = [];
  for await (const entry of readCheckpoints(path.join(dataDir, ANCHOR_FILE_NAME))) {
    if (entry.checkpoint && entry.checkpoint.seq <= headSeq) anchorLines.push(JSON.stringify(entry.checkpoint));
  }
  writeFileSync(path.join(partial, ANCHOR_FILE_NAME), anchorLines.length ? `${anchorLines.join("\n")}\n` : "", { mode: 0o600 });
  const keyFile = path.join(dataDir, ANCHOR_KEY_FILE_NAME);
  const anchorKeyIncluded = !process.env.AUDIT_ANCHOR_KEY && existsSync(keyFile);
  if (anchorKeyIncluded) copyFileSync(keyFile, path.join(partial, ANCHOR_KEY_FILE_NAME));

  // 5. verified before it counts as a backup
  const checked = await verifyBackup(partial);
  const manifest: BackupManifest = {
    createdAt: now().toISOString(),
    counts: checked.counts,
    audit: checked.audit,
    attachments: checked.attachments,
    anchorKeyIncluded,
  };
  writeFileSync(path.join(partial, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(partial, dir);
  return { dir, manifest, ok: checked.ok, problems: checked.problems };
}

/** Processes (other than this one) that hold `file` open, from /proc (Linux); empty where /proc is not readable. */
export function processesHolding(file: string): number[] {
  const targets = new Set([file, `${file}-wal`, `${file}-shm`].map((f) => path.resolve(f)));
  const holders: number[] = [];
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  } catch {
    return holders;
  }
  for (const pid of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        if (targets.has(readlinkSync(`/proc/${pid}/fd/${fd}`))) {
          holders.push(Number(pid));
          break;
        }
      }
    } catch {
      // gone, or not ours to read
    }
  }
  return holders;
}

/** A backup folder, given the folder or the app.db inside it. */
export function resolveBackup(from: string): string {
  const full = path.resolve(from);
  const dir = existsSync(full) && statSync(full).isFile() ? path.dirname(full) : full;
  if (!existsSync(path.join(dir, BACKUP_DB_NAME)) || !existsSync(path.join(dir, MANIFEST_NAME))) {
    throw new Error(`${from} is not a complete backup (no ${BACKUP_DB_NAME} and ${MANIFEST_NAME})`);
  }
  return dir;
}

/**
 * Restores a backup into a stopped instance. Refuses while another process holds the database open
 * or when the backup does not verify (unless `force`). What it replaces is moved to
 * `<dataDir>/backups/pre-restore-<timestamp>/`.
 */
export async function restoreInstance({ from, dataDir, databaseFile, force = false }: Instance & { from: string; force?: boolean }) {
  const dir = resolveBackup(from);
  const holders = processesHolding(databaseFile);
  if (holders.length > 0 && !force) throw new Error(`the database is open in process ${holders.join(", ")}: stop the server before restoring`);
  const checked = await verifyBackup(dir);
  if (!checked.ok && !force) throw new Error(`the backup does not verify: ${checked.problems.join("; ")}`);
  const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST_NAME), "utf8")) as BackupManifest;
  for (const [table, n] of Object.entries(manifest.counts)) {
    if (checked.counts[table] !== n && !force) throw new Error(`the backup's ${table} holds ${checked.counts[table]} rows, its manifest says ${n}`);
  }

  // set the current state aside
  const aside = path.join(dataDir, "backups", `pre-restore-${stamp(now())}`);
  mkdirSync(aside, { recursive: true });
  const moveAside = (file: string) => {
    if (!existsSync(file)) return;
    const to = path.join(aside, path.basename(file));
    try {
      renameSync(file, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
      copyFileSync(file, to);
      rmSync(file);
    }
  };
  for (const f of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) moveAside(f);
  for (const f of ["attachments", "uploads-tmp", ANCHOR_FILE_NAME]) moveAside(path.join(dataDir, f));
  if (existsSync(path.join(dir, ANCHOR_KEY_FILE_NAME))) moveAside(path.join(dataDir, ANCHOR_KEY_FILE_NAME));

  // put the backup in place (the database through a temp name, so a half-copied file is never live)
  mkdirSync(path.dirname(databaseFile), { recursive: true });
  copyFileSync(path.join(dir, BACKUP_DB_NAME), `${databaseFile}.restoring`);
  renameSync(`${databaseFile}.restoring`, databaseFile);
  mkdirSync(path.join(dataDir, "attachments"), { recursive: true });
  for (const name of filesIn(path.join(dir, "attachments"))) linkOrCopy(path.join(dir, "attachments", name), path.join(dataDir, "attachments", name));
  copyFileSync(path.join(dir, ANCHOR_FILE_NAME), path.join(dataDir, ANCHOR_FILE_NAME));
  if (existsSync(path.join(dir, ANCHOR_KEY_FILE_NAME))) copyFileSync(path.join(dir, ANCHOR_KEY_FILE_NAME), path.join(dataDir, ANCHOR_KEY_FILE_NAME));
  return { backup: dir, aside, counts: checked.counts, audit: checked.audit };
}
