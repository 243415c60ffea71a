/**
 * The HTTP server: Express serving the built assets and the React Router app (pages and /api/v1).
 * Development (`npm run dev`) runs Vite in middleware mode for hot reload.
 */
import type { Server } from "node:http";
import path from "node:path";
import express from "express";
import type { RouterContextProvider, ServerBuild } from "react-router";
import { compressWhenAccepted } from "./compress";
import { securityHeaders, trustProxySetting } from "./http-headers";
import { log, requestLog } from "./log";
import { loadReactRendererWithoutAsyncHooks } from "./react-render-scope";
import { createRequestHandler } from "./request-handler";

/** The production build (build/server/index.js), imported once. */
export async function loadProductionBuild(): Promise<ServerBuild> {
  const { pathToFileURL } = await import("node:url");
  loadReactRendererWithoutAsyncHooks(); // before the build imports it (ADR 0053)
  return (await import(pathToFileURL(path.resolve("build", "server", "index.js")).href)) as ServerBuild;
}

export async function createServer({ dev, serverBuild }: { dev: boolean; serverBuild?: ServerBuild }) {
  const app = express();
  app.disable("x-powered-by");
  app.use(compressWhenAccepted());
  app.set("trust proxy", trustProxySetting());
  app.use(requestLog());
  app.use(securityHeaders());

  // production: the build object itself, so React Router derives its route tree once (given a function, it
  // re-derives the routes, the static handler and the request handler on every request)
  let build: ServerBuild | (() => Promise<ServerBuild>);
  let entryModule: () => Promise<ServerBuild["entry"]["module"]>;
  if (dev) {
    const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
    app.use(vite.middlewares);
    const load = () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>;
    build = load;
    entryModule = async () => (await load()).entry.module;
  } else {
    const buildDir = path.resolve("build");
    app.use("/assets", express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
    // other files of the client build (public/): only paths with a file extension, so a page request
    // costs no file-system lookup
    const publicFiles = express.static(path.join(buildDir, "client"), { maxAge: "1h", index: false });
    app.use((req, res, next) => (/\.[A-Za-z0-9]+$/.test(req.path) ? publicFiles(req, res, next) : next()));
    const loaded = serverBuild ?? (await loadProductionBuild());
    build = loaded;
    entryModule = async () => loaded.entry.module;
  }

  app.all(
    /.*/,
    createRequestHandler({
      build,
      mode: dev ? "development" : "production",
      // the app makes its own context (its keys live in the app bundle): app/utils/request-context.server.ts
      getLoadContext: async (req) => {
        const entry = (await entryModule()) as unknown as { createLoadContext(init: { clientIp: string; document: boolean }): RouterContextProvider };
        // React Router answers a path ending in .data with a client navigation's data, never a document
        return entry.createLoadContext({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown", document: !req.path.endsWith(".data") });
      },
    }),
  );
  return app;
}

export function listen(app: express.Express): Promise<Server> {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "localhost";
  return new Promise((resolve) => {
    const server = app.listen(port, host, () => {
      console.log(`AX 수요 시스템이 http://${host}:${port} 에서 실행 중입니다 (listening on http://${host}:${port})`);
      log.info({ host, port }, "listening");
      resolve(server);
    });
    // An idle keep-alive connection is closed by the client or the reverse proxy, never by us first:
    // Node's 5 s default raced clients that reused a connection just as a busy server timed it out
    // (ECONNRESET on a valid request). Proxies' upstream idle timeouts (60 s typical) stay below this.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  });
}
