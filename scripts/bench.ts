/**
 * `npm run bench`: the production server under concurrent load at 1,000 and 100,000 requests (pages,
 * API, workflow transitions; scripts/bench-http.ts). `-- --queries` adds the older in-process figures
 * (GPU planner, request-list queries). Options of bench-http: --sizes, --duration, --keep.
 * Figures are printed, not asserted in tests.
 */
import { benchHttp } from "./bench-http";

console.log(await benchHttp());
if (process.argv.includes("--queries")) {
  const { benchList } = await import("./bench-list");
  const { benchPlanner } = await import("./bench-planner");
  for (const r of [...(await benchPlanner()), ...(await benchList())]) console.log(`${r.name}: ${r.value} ${r.unit}`);
}
process.exit(0);
