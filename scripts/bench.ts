/**
 * `npm run bench`: the production server under concurrent load at 1,000 and 100,000 requests (pages,
 * API, workflow transitions; scripts/bench-http.ts), on SQLite, or on PostgreSQL with
 * `DATABASE_URL=postgresql://127.0.0.1…` or `-- --pg` (a throwaway cluster; scripts/bench-pg.ts).
 * `-- --queries` adds the older in-process figures (GPU planner, request-list queries), which build
 * their own SQLite databases. Options of bench-http: --sizes, --duration, --rounds, --warmup, --keep.
 * Figures are printed, not asserted in tests.
 */
import { benchHttp } from "./bench-http";

console.log(await benchHttp());
if (process.argv.includes("--queries")) {
  const { benchList } = await import("./bench-list");
  const { benchPlanner } = await import("./bench-planner");
  console.log("(in-process figures, on SQLite:)");
  for (const r of [...(await benchPlanner()), ...(await benchList())]) console.log(`${r.name}: ${r.value} ${r.unit}`);
}
process.exit(0);
