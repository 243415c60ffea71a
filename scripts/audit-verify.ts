/**
 * `npm run audit:verify`: recomputes the audit chain (keyset pages, bounded memory) and checks it
 * against the signed checkpoints in DATA_DIR/audit-anchor.jsonl. Prints the time taken and the peak
 * RSS; exit 1 names the first broken event and why. `npm run audit:verify` runs it with a 160 MB
 * old-space cap: what it keeps alive is ~20 MB, but left alone V8 lets the garbage of a million rows
 * grow the heap by 100 MB before collecting it.
 */
export {};
process.env.DATABASE_URL ??= "file:./data/app.db";
const { verifyAuditChain } = await import("../app/modules/audit/audit.server");
const started = performance.now();
const result = await verifyAuditChain();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const peakMb = (process.resourceUsage().maxRSS / 1024).toFixed(0);
if (result.ok) {
  const anchored =
    result.anchor.seq === null ? "no checkpoint" : `anchored up to #${result.anchor.seq} at ${result.anchor.at} (${result.anchor.checkpoints} checkpoints)`;
  console.log(`Audit chain OK: ${result.events} events, head ${result.head}, ${anchored}`);
} else {
  const why: Record<typeof result.reason, string> = {
    HASH_MISMATCH: "its content or link does not match its hash (edited, inserted or deleted)",
    TRUNCATED: "it is missing although a checkpoint anchored it (the tail was deleted)",
    ANCHOR_MISMATCH: "the chain up to this anchored event was rewritten after it was anchored",
    ANCHOR_MISSING: "events exist but the anchor file has no checkpoint",
    ANCHOR_SIGNATURE: "the checkpoint naming it has a wrong signature (the anchor file was edited)",
    ANCHOR_OTHER_KEY: "the checkpoint naming it was signed with another key (AUDIT_ANCHOR_KEY changed?)",
    ANCHOR_CORRUPT: "a line of the anchor file is damaged",
  };
  const line = result.line ? ` (anchor line ${result.line})` : "";
  console.error(`Audit chain BROKEN at event #${result.brokenAt}: ${why[result.reason]}${line}; ${result.events} events verified before it`);
}
console.log(`verified in ${seconds} s, peak RSS ${peakMb} MB`);
process.exit(result.ok ? 0 : 1);
