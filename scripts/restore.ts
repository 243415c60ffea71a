/**
 * `npm run db:restore -- <backup folder or its app.db> [--force]`: restores a backup made by
 * `npm run db:backup` into this instance (DATABASE_URL, DATA_DIR). Stop the server first: it
 * refuses while another process holds the database open, and when the backup does not verify
 * (--force overrides both). The replaced database, files and anchor are kept in
 * DATA_DIR/backups/pre-restore-<timestamp>/. The next start reconciles files and rows.
 */
export {};
process.env.DATABASE_URL ??= "file:./data/app.db";
if (/^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL)) {
  console.error("This is the SQLite backup procedure. PostgreSQL: pg_dump / pg_restore and a copy of DATA_DIR (README, Deploying).");
  process.exit(2);
}
const from = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!from) {
  console.error("usage: npm run db:restore -- <DATA_DIR/backups/<timestamp>> [--force]");
  process.exit(2);
}
const { restoreInstance, databaseFileFromUrl } = await import("../app/modules/backup/backup.server");
const { DATA_DIR } = await import("../app/utils/config.server");
try {
  const result = await restoreInstance({
    from,
    dataDir: DATA_DIR,
    databaseFile: databaseFileFromUrl(process.env.DATABASE_URL),
    force: process.argv.includes("--force"),
  });
  console.log(`Restored ${result.backup}`);
  console.log(
    `  rows: ${Object.entries(result.counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ")}`,
  );
  console.log(`  audit: ${result.audit.ok ? `OK, ${result.audit.events} events` : `BROKEN at #${result.audit.brokenAt} (${result.audit.reason})`}`);
  console.log(`  what was there before is in ${result.aside}`);
  process.exit(0);
} catch (error) {
  console.error(`Restore refused: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
