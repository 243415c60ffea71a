/**
 * `npm start`: migrate the embedded SQLite database, seed demo data into an empty database (not in
 * production), build if there is no build, then serve on http://localhost:3000 (PORT, HOST).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { migrateDatabase } from "./migrate";

process.env.DATABASE_URL ??= "file:./data/app.db";

async function main() {
  const { sessionSecret, isProduction } = await import("../app/utils/config.server");
  sessionSecret(); // fails fast in production without SESSION_SECRET
  migrateDatabase();

  const { db, ensureDbPragmas } = await import("../app/utils/db.server");
  await ensureDbPragmas();
  if (!isProduction && (await db.user.count()) === 0) {
    const { seedDemoData, DEMO_PASSWORD, DEMO_ACCOUNTS } = await import("../app/modules/seed/seed.server");
    await seedDemoData();
    console.log(`Demo data seeded. Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(26)} ${a.role}${a.isChair ? " (chair)" : ""}`);
  }

  await (await import("../app/modules/attachments/storage.server")).recoverAtStart(); // after a crash: audit anchor, temp/orphan files (ADR 0015)
  if (!existsSync(path.resolve("build", "server", "index.js"))) {
    console.log("No build found: building (react-router build)…");
    execFileSync(path.resolve("node_modules", ".bin", "react-router"), ["build"], { stdio: "inherit" });
  }
  const { createServer, listen } = await import("../server/index");
  await listen(await createServer({ dev: false }));
  await (await import("../app/modules/notifications/outbox-worker.server")).startOutboxWorker(); // notification e-mails (ADR 0020)
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
