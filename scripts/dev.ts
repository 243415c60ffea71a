/** `npm run dev`: migrate, seed an empty database, and serve with Vite hot reload (tsx; `npm start` is the production path). */
import { migrateDatabase } from "./migrate";

process.env.DATABASE_URL ??= "file:./data/app.db";

async function main() {
  migrateDatabase();
  const { prepareAtStart, startBackgroundWorkers } = await import("../app/utils/lifecycle.server");
  await prepareAtStart(); // demo seed into an empty database (unless SEED_DEMO=0), crash recovery
  const { createServer, listen } = await import("../server/index");
  await listen(await createServer({ dev: true }));
  startBackgroundWorkers();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
