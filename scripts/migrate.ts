/**
 * Applies pending migrations to the database (DATABASE_URL, default ./data/app.db): prisma/migrations
 * for a SQLite file, prisma/postgresql/migrations for postgresql://… (prisma.config.ts picks the
 * track, ADR 0024).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { prismaMigrateCli } from "./prisma-cli";

export function migrateDatabase(): void {
  process.env.DATABASE_URL ??= "file:./data/app.db";
  if (!/^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL)) {
    const file = process.env.DATABASE_URL.replace(/^file:/, "");
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  prismaMigrateCli(["migrate", "deploy"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: process.env,
  });
}

// run as a script (not when bundled into the production server, build/server/start.js)
if (/scripts[\\/]migrate\.ts$/.test(process.argv[1] ?? "")) {
  migrateDatabase();
  console.log("Migrations applied.");
}
