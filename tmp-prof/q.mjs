import Database from "better-sqlite3";
const db = new Database(process.argv[2], { readonly: true });
const time = (name, sql, ...p) => { const st = db.prepare(sql); st.all(...p); const t = performance.now(); let r; for (let i = 0; i < 20; i++) r = st.all(...p); console.log(((performance.now() - t) / 20).toFixed(2), "ms", name, r.length); };
const states = "'jointPlanning','onAgenda','awaitingSignoff'";
time("pipeline requested", `SELECT "npuCapable", SUM(COALESCE("gpusRequested", 0)) AS "gpus" FROM "DemandRequest" WHERE "state" IN (${states}) GROUP BY "npuCapable"`);
time("pipeline agreed", `SELECT r."npuCapable", SUM(p."agreedGpus" - COALESCE(r."gpusRequested", 0)) AS "gpus" FROM "JointPlan" p JOIN "DemandRequest" r ON r."id" = p."requestId" WHERE p."agreedGpus" IS NOT NULL AND r."state" IN (${states}) AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."requestId" = r."id" AND d."status" = 'awaiting') GROUP BY r."npuCapable"`);
time("real states", `SELECT id FROM DemandRequest WHERE state IN ('approved','allocated','conditionallyApproved')`);
console.log(db.prepare(`SELECT state, COUNT(*) n FROM DemandRequest GROUP BY state`).all());
console.log(db.prepare(`EXPLAIN QUERY PLAN SELECT "npuCapable", SUM(COALESCE("gpusRequested", 0)) AS "gpus" FROM "DemandRequest" WHERE "state" IN (${states}) GROUP BY "npuCapable"`).all());
