/** `npm run db:seed`: seed demo data into an empty database (after migrations). */
import { migrateDatabase } from "./migrate";

process.env.DATABASE_URL ??= "file:./data/app.db";
migrateDatabase();
const { db } = await import("../app/utils/db.server");
if ((await db.user.count()) > 0) {
  console.log("The database already has users: not seeding.");
} else {
  const { seedDemoData } = await import("../app/modules/seed/seed.server");
  await seedDemoData();
  console.log("Demo data seeded.");
}
