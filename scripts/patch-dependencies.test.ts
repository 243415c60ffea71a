import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RouteObject } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { MARKER, PATCHES, applyPatch, type Patch } from "./patch-dependencies.mjs";

const reactRouter = PATCHES.find((p) => p.name === "react-router") as Patch;

/** The installed files of `patch`'s package, by path, as text. */
function installed(patch: Patch, root = process.cwd()) {
  const files = new Map<string, string>();
  for (const dir of patch.dirs) {
    const full = path.join(root, "node_modules", patch.name, dir);
    for (const f of readdirSync(full).filter((n) => n.endsWith(".mjs"))) files.set(path.join(full, f), readFileSync(path.join(full, f), "utf8"));
  }
  return files;
}

describe("the edits to installed dependencies (ADR 0039)", () => {
  it("are applied to the installed React Router, and applying them again changes nothing", () => {
    const before = installed(reactRouter);
    const report = applyPatch(reactRouter);
    expect(
      report.filter((line) => line.startsWith("WARNING")),
      report.join("\n"),
    ).toEqual([]);
    expect(report).toHaveLength(reactRouter.edits.length);
    expect(installed(reactRouter)).toEqual(before);
    // the build Node loads (package.json "exports" point at dist/development) has every edit
    const development = [...before].filter(([file]) => file.includes(`${path.sep}development${path.sep}`)).map(([, text]) => text);
    for (const edit of reactRouter.edits)
      expect(
        development.some((text) => text.includes(edit.replace)),
        edit.what,
      ).toBe(true);
  });

  it("apply to a clean copy exactly once, and skip with a warning another version or code that moved", () => {
    const root = mkdtempSync(path.join(tmpdir(), "ax-patch-"));
    const target = path.join(root, "node_modules", "react-router");
    mkdirSync(target, { recursive: true });
    cpSync(path.resolve("node_modules", "react-router", "package.json"), path.join(target, "package.json"));
    for (const dir of reactRouter.dirs) {
      mkdirSync(path.join(target, dir), { recursive: true });
      // the original code: every edit undone
      for (const [file, text] of installed(reactRouter)) {
        if (!file.includes(`${path.sep}${path.basename(dir)}${path.sep}`)) continue;
        let original = text;
        for (const edit of reactRouter.edits) original = original.replace(edit.replace, edit.find);
        expect(original).not.toContain(MARKER);
        writeFileSync(path.join(target, dir, path.basename(file)), original);
      }
    }
    expect(applyPatch(reactRouter, root).some((line) => line.startsWith("WARNING"))).toBe(false);
    const once = installed(reactRouter, root);
    applyPatch(reactRouter, root);
    expect(installed(reactRouter, root)).toEqual(once);
    for (const text of once.values()) for (const edit of reactRouter.edits) expect(text.split(edit.replace).length).toBeLessThanOrEqual(2);

    expect(applyPatch({ ...reactRouter, version: "0.0.1" }, root)).toEqual([
      expect.stringMatching(/^WARNING react-router: .* installed, the edits are for 0\.0\.1: not applied/),
    ]);
    const moved = {
      ...reactRouter,
      edits: [{ what: "an edit whose code is gone", find: "function noSuchFunction() {", replace: `${MARKER} function noSuchFunction() {` }],
    };
    expect(applyPatch(moved, root)).toEqual(["WARNING react-router: an edit whose code is gone: code not found, not applied (ADR 0039)"]);
  });
});

describe("matching with remembered branches", () => {
  // React Router as the server loads it: the module Node's own ESM loader picks (vitest's resolver may
  // pick the CommonJS build, which the edits leave alone)
  let createStaticHandler: typeof import("react-router").createStaticHandler;
  let matchRoutes: typeof import("react-router").matchRoutes;
  beforeAll(async () => {
    const url = execFileSync(process.execPath, ["--input-type=module", "-e", 'console.log(import.meta.resolve("react-router"))'], { encoding: "utf8" }).trim();
    expect(url).toMatch(/\/dist\/development\/index\.mjs$/);
    ({ createStaticHandler, matchRoutes } = await import(/* @vite-ignore */ url));
  });
  const routes: RouteObject[] = [
    {
      id: "root",
      path: "/",
      children: [
        { id: "home", index: true },
        { id: "login", path: "login" },
        {
          id: "requests",
          path: "requests",
          children: [
            { id: "requests-index", index: true },
            { id: "request-new", path: "new" },
            { id: "request", path: ":id", children: [{ id: "request-edit", path: "edit" }] },
          ],
        },
        { id: "lang", path: ":lang?/about" },
        { id: "Case", path: "CaseSensitive", caseSensitive: true },
        { id: "files", path: "files/*" },
        { id: "api", path: "api/v1/requests/:id/events" },
        { id: "not-found", path: "*" },
      ],
    },
  ];
  const paths = [
    "/",
    "/login",
    "/login/",
    "/LOGIN",
    "/requests",
    "/requests/new",
    "/requests/abc",
    "/requests/abc/edit",
    "/requests/abc/edit/more",
    "/requests/%ED%95%9C%EA%B8%80",
    "/about",
    "/en/about",
    "/CaseSensitive",
    "/casesensitive",
    "/files",
    "/files/a/b/c.pdf",
    "/api/v1/requests/1/events",
    "/nowhere/at/all",
    `/${"x".repeat(600)}`,
  ];
  const ids = (matches: { route: { id?: string } }[] | null | undefined) => matches?.map((m) => m.route.id) ?? null;

  it("finds, on every request, the same routes and params as a fresh match", async () => {
    const handler = createStaticHandler(routes);
    // three rounds: the first finds each branch, the next ones reuse what it found
    for (let round = 0; round < 3; round++) {
      for (const p of paths) {
        const context = await handler.query(new Request(`http://localhost${p}`));
        if (context instanceof Response) throw new Error(`${p}: a response`);
        const fresh = matchRoutes(routes, p);
        expect(ids(context.matches), p).toEqual(ids(fresh));
        expect(context.matches.at(-1)?.params, p).toEqual(fresh?.at(-1)?.params);
        expect(context.matches.at(-1)?.pathname, p).toEqual(fresh?.at(-1)?.pathname);
      }
    }
  });

  it("stays right past the 1,000 paths it remembers", async () => {
    const handler = createStaticHandler(routes);
    for (let i = 0; i < 2_100; i++) {
      const p = i % 3 === 0 ? `/requests/r${i}` : i % 3 === 1 ? `/requests/r${i}/edit` : `/elsewhere/${i}`;
      // each path twice: found, then remembered (or forgotten, when the 1,000 were just cleared)
      for (const context of [await handler.query(new Request(`http://localhost${p}`)), await handler.query(new Request(`http://localhost${p}`))]) {
        if (context instanceof Response) throw new Error(`${p}: a response`);
        expect(ids(context.matches), p).toEqual(ids(matchRoutes(routes, p)));
        expect(context.matches.at(-1)?.params).toEqual(matchRoutes(routes, p)?.at(-1)?.params);
      }
    }
  });
});
