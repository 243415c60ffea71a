/**
 * `npm run db:backup`: an online, consistent backup of this instance (the server may be running)
 * into DATA_DIR/backups/<timestamp>/ — app.db (VACUUM INTO), attachments/ (hard links),
 * audit-anchor.jsonl (+ its key file when AUDIT_ANCHOR_KEY is not set), manifest.json. The copy is
 * verified before it is named complete; exit 1 if it does not verify.
 */
export {};
process.env.DATABASE_URL ??= "file:./data/app.db";
if (/^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL)) {
  console.error("This is the SQLite backup procedure. PostgreSQL: pg_dump / pg_restore and a copy of DATA_DIR (README, Deploying).");
  process.exit(2);
}
const { backupInstance, databaseFileFromUrl } = await import("../app/modules/backup/backup.server");
const { DATA_DIR } = await import("../app/utils/config.server");
const started = performance.now();
const { dir, manifest, ok, problems } = await backupInstance({ dataDir: DATA_DIR, databaseFile: databaseFileFromUrl(process.env.DATABASE_URL) });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`Backup written to ${dir} in ${seconds} s`);
console.log(
  `  rows: ${Object.entries(manifest.counts)
    .map(([t, n]) => `${t} ${n}`)
    .join(", ")}`,
);
console.log(`  attachments: ${manifest.attachments.files} files`);
console.log(
  `  audit: ${manifest.audit.ok ? `OK, ${manifest.audit.events} events, anchored up to #${manifest.audit.anchor.seq ?? "-"}` : `BROKEN at #${manifest.audit.brokenAt} (${manifest.audit.reason})`}`,
);
if (!manifest.anchorKeyIncluded) console.log("  the anchor key is not in the backup (AUDIT_ANCHOR_KEY): keep it to verify or restore this backup");
if (!ok) {
  console.error(`Backup does NOT verify: ${problems.join("; ")}`);
  process.exit(1);
}
process.exit(0);
