import path from "node:path";
import { mkdirSync } from "node:fs";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// `.env` is not loaded when this file exists: the default lives here (see docs/decisions/0002).
process.env.DATABASE_URL ??= "file:./data/app.db";
const dbFile = process.env.DATABASE_URL.replace(/^file:/, "");
mkdirSync(path.dirname(path.resolve(dbFile)), { recursive: true });

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! }),
});
