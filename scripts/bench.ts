/** `npm run bench`: performance figures (printed, not asserted in unit tests). */
import { benchList } from "./bench-list";
import { benchPlanner } from "./bench-planner";

for (const r of [...(await benchPlanner()), ...(await benchList())]) console.log(`${r.name}: ${r.value} ${r.unit}`);
process.exit(0);
