/** `npm run bench`: performance figures (printed, not asserted in unit tests). */
import { benchPlanner } from "./bench-planner";

const results = await benchPlanner();
for (const r of results) console.log(`${r.name}: ${r.value} ${r.unit}`);
