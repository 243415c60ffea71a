import path from "node:path";
import { mkdirSync } from "node:fs";
import { defineConfig } from "prisma/config";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

// `.env` is not loaded when this file exists: the default lives here (see docs/decisions/0002).
process.env.DATABASE_URL ??= "file:./data/app.db";
const url = process.env.DATABASE_URL;
const postgres = /^postgres(ql)?:\/\//i.test(url);
if (!postgres) mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, ""))), { recursive: true });

// DATABASE_URL=postgresql://… → the PostgreSQL copy of the datamodel and its own migrations
// (prisma/postgresql/, ADR 0024). The CLI's schema engine needs adapter-pg 7.x to introspect
// (6.19's fails on a column named `name`), installed under the alias prisma-adapter-pg-cli; the
// app's runtime client uses adapter-pg 6.19.3, which matches @prisma/client.
export default defineConfig({
  schema: postgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    if (!postgres) return new PrismaBetterSqlite3({ url });
    const { PrismaPg } = await import("prisma-adapter-pg-cli");
    const factory = new PrismaPg({ connectionString: url, allowExitOnIdle: true }); // the CLI does not close its pool: let it exit
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = await connect();
      // The adapter runs a migration by splitting it on every ";" (also inside strings and the $$
      // bodies of trigger functions). PostgreSQL's simple query protocol takes the whole script as it
      // is, in one implicit transaction.
      adapter.executeScript = async (script: string) => {
        try {
          await adapter.underlyingDriver().query(script);
        } catch (error) {
          (adapter as unknown as { onError(e: unknown): never }).onError(error);
        }
      };
      return adapter;
    };
    return factory;
  },
});
