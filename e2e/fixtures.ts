import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";
import { startAppServer, type AppServer } from "./app-server";

export { expect };
export type { APIRequestContext, Browser, Page } from "@playwright/test";
export { request } from "@playwright/test";

/**
 * Every spec's `test`: a page that throws in the browser (a hydration mismatch among them) fails the
 * test that saw it. A hydration error makes React discard the server's HTML and render the page
 * again, which silently drops a file a user had chosen or a click already made — that is how a
 * condition's evidence upload once hung (issue 10). Covers the default page and every context a spec
 * opens itself with `browser.newContext()`.
 */
export const test = base.extend<{ browserErrors: string[] }, { appServer: AppServer }>({
  // this worker's own app server and database (e2e/app-server.ts); every page and request goes to it
  appServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from its first parameter
    async ({}, use) => {
      const server = await startAppServer();
      await use(server);
      await server.stop();
    },
    { scope: "worker", auto: true, timeout: 180_000 },
  ],
  baseURL: async ({ appServer }, use) => use(appServer.baseURL),
  browserErrors: [
    async ({ browser, context }, use) => {
      const errors: string[] = [];
      const watch = (ctx: BrowserContext) => {
        ctx.on("weberror", (e) => errors.push(`page error: ${e.error().message}`));
        ctx.on("console", (m) => {
          // a 4xx/5xx answer the test asked for is logged by Chromium as "Failed to load resource"
          if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`console error: ${m.text()}`);
        });
      };
      watch(context);
      const original = browser.newContext.bind(browser);
      const patched: Browser["newContext"] = async (options) => {
        const ctx = await original(options);
        watch(ctx);
        return ctx;
      };
      browser.newContext = patched;
      await use(errors);
      browser.newContext = original;
      expect(errors, "errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
});
