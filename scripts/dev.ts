/** `npm run dev`: migrate, seed an empty database, and serve with Vite hot reload. */
import { migrateDatabase } from "./migrate";

process.env.DATABASE_URL ??= "file:./data/app.db";

async function main() {
  migrateDatabase();
  const { db, ensureDbPragmas } = await import("../app/utils/db.server");
  await ensureDbPragmas();
  if ((await db.user.count()) === 0) {
    const { seedDemoData } = await import("../app/modules/seed/seed.server");
    await seedDemoData();
    console.log("Demo data seeded.");
  }
  const { createServer, listen } = await import("../server/index");
  await listen(await createServer({ dev: true }));
  await (await import("../app/modules/notifications/outbox-worker.server")).startOutboxWorker(); // notification e-mails (ADR 0020)
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
