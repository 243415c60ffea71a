/**
 * Page benchmark over a large database: serves the built app in-process against the database the
 * caller prepared (DATABASE_URL), signs in over HTTP and times whole page responses (loader, queries,
 * server rendering, compression) as a browser's first request would get them.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import Database from "better-sqlite3";

export interface PageCase {
  name: string;
  path: string;
}

async function addUser(file: string, email: string, role: string, organizationId: string) {
  const { hashPassword } = await import("../app/modules/auth/password.server");
  const raw = new Database(file);
  raw
    .prepare("INSERT INTO User (id, email, name, passwordHash, role, organizationId, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .run(`bench-${role}`, email, "벤치", await hashPassword("bench-password"), role, organizationId, new Date().toISOString());
  raw.close();
}

type BenchUser = { email: string; role: string; organizationId: string; cases: PageCase[] };

export async function benchPages({ file, users, runs = 7 }: { file: string; users: BenchUser[]; cases?: never; runs?: number }) {
  if (!existsSync(path.resolve("build", "server", "index.js"))) {
    execFileSync(path.resolve("node_modules", ".bin", "react-router"), ["build"], { stdio: "ignore" });
  }
  const { createServer } = await import("../server/index");
  const app = await createServer({ dev: false });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const results: { name: string; value: number; unit: string }[] = [];
  try {
    for (const user of users) {
      await addUser(file, user.email, user.role, user.organizationId);
      const signIn = await fetch(`${base}/api/v1/session`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: user.email, password: "bench-password" }),
      });
      const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
      for (const c of user.cases) {
        const get = async () => {
          const res = await fetch(base + c.path, { headers: { cookie } });
          if (res.status !== 200) throw new Error(`${c.path}: HTTP ${res.status}`);
          await res.text();
        };
        await get();
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          await get();
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        results.push({ name: `page: ${c.name} — median`, value: Math.round(times[Math.floor(runs / 2)] * 10) / 10, unit: "ms" });
      }
    }
  } finally {
    server.close();
  }
  return results;
}
