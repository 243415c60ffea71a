/** `npm run audit:verify`: recomputes the audit chain; exit 1 and names the first broken event. */
export {};
process.env.DATABASE_URL ??= "file:./data/app.db";
const { verifyAuditChain } = await import("../app/modules/audit/audit.server");
const result = await verifyAuditChain();
if (result.ok) {
  console.log(`Audit chain OK: ${result.events} events, head ${result.head}`);
} else {
  console.error(`Audit chain BROKEN at event #${result.brokenAt} (${result.events} events verified before it)`);
  process.exit(1);
}
