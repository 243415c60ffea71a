import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { SynchronousStorage } from "./react-render-scope";

/**
 * A fresh Node process (the test runner's own may have async hooks on already): renders a page with
 * React's Node renderer, loaded with or without the helper, then tells whether promises now carry async
 * ids, which they do only while an async hook is on (Node's "promise execution tracking").
 */
function hooksOnAfterRender(withHelper: boolean): boolean {
  const helper = pathToFileURL(path.resolve("server", "react-render-scope.ts")).href;
  const script = `
    import { executionAsyncId } from "node:async_hooks";
    import { createRequire } from "node:module";
    import { Writable } from "node:stream";
    process.env.NODE_ENV = "production";
    const { loadReactRendererWithoutAsyncHooks } = await import(${JSON.stringify(helper)});
    const require = createRequire(${JSON.stringify(pathToFileURL(path.resolve("package.json")).href)});
    if (${withHelper}) loadReactRendererWithoutAsyncHooks(${JSON.stringify(pathToFileURL(path.resolve("package.json")).href)});
    const { createElement } = require("react");
    const { renderToPipeableStream } = require("react-dom/server");
    const html = await new Promise((resolve, reject) => {
      let out = "";
      const { pipe } = renderToPipeableStream(createElement("p", null, "안녕"), {
        onAllReady() {
          pipe(new Writable({ write(chunk, _e, cb) { out += chunk; cb(); }, final(cb) { resolve(out); cb(); } }));
        },
        onShellError: reject,
      });
    });
    if (html !== "<p>안녕</p>") throw new Error("rendered " + html);
    const outer = executionAsyncId();
    const tracked = await Promise.resolve().then(() => executionAsyncId() !== outer);
    const { AsyncLocalStorage } = require("node:async_hooks");
    if (AsyncLocalStorage.name !== "AsyncLocalStorage") throw new Error("Node's AsyncLocalStorage was not restored");
    process.stdout.write(tracked ? "on" : "off");
  `;
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
  return out.trim() === "on";
}

describe("React's renderer without async hooks (ADR 0053)", () => {
  it("renders a page and leaves promises untracked; loaded plainly, it turns the hooks on", () => {
    expect(hooksOnAfterRender(true)).toBe(false);
    expect(hooksOnAfterRender(false)).toBe(true);
  });

  it("keeps a value for the synchronous call only, and restores the outer one", async () => {
    const storage = new SynchronousStorage<string>();
    let later: string | undefined = "unset";
    const inner = storage.run("outer", () => {
      const seen = storage.run("inner", () => storage.getStore());
      void Promise.resolve().then(() => (later = storage.getStore()));
      return [seen, storage.getStore(), storage.exit(() => storage.getStore())];
    });
    expect(inner).toEqual(["inner", "outer", undefined]);
    expect(storage.getStore()).toBeUndefined();
    await Promise.resolve();
    expect(later).toBeUndefined(); // not carried into a callback: React finds its request otherwise
  });
});
