/**
 * The recount of table RequestStateCount (ADR 0019), apart from the service so that scripts can use it
 * without creating the app's database client (the benchmarks import it before they choose their database).
 * Recounts from the requests, after rows were written around the services (a benchmark's bulk insert).
 */
export const RECOUNT_STATE_COUNTS_SQL = [
  'DELETE FROM "RequestStateCount"',
  'INSERT INTO "RequestStateCount" ("organizationId", "state", "count") SELECT "organizationId", "state", COUNT(*) FROM "DemandRequest" GROUP BY "organizationId", "state"',
];
