import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { startAppServer, type AppServer } from "./app-server";

export { expect };
export type { APIRequestContext, Browser, Locator, Page } from "@playwright/test";
export { request } from "@playwright/test";

/**
 * Waits until React has hydrated the page (app/root.tsx marks `<html data-hydrated>`, also on an error
 * page), so what a test fills and presses is handled by the page's scripts, not by the bare HTML: a
 * radio ticked while the page hydrated once lost its tick. A page opened without JavaScript (no router
 * context in the window) is ready as soon as it has loaded.
 */
export async function hydrated(page: Page) {
  await page.waitForLoadState("load");
  if (await page.evaluate(() => "__reactRouterContext" in window)) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Every `page.goto` to the app returns once the page is hydrated (another site's page: once loaded). */
function gotoWaitsForHydration(page: Page, appOrigin: string): Page {
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    if ((options?.waitUntil ?? "load") !== "commit" && new URL(page.url()).origin === appOrigin) await hydrated(page);
    return response;
  };
  return page;
}

/**
 * Every spec's `test`: a page that throws in the browser (a hydration mismatch among them) fails the
 * test that saw it. A hydration error makes React discard the server's HTML and render the page
 * again, which silently drops a file a user had chosen or a click already made — that is how a
 * condition's evidence upload once hung (issue 10). Covers the default page and every context a spec
 * opens itself with `browser.newContext()`; on all of them `goto` waits for hydration.
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
  page: async ({ page, appServer }, use) => use(gotoWaitsForHydration(page, new URL(appServer.baseURL).origin)),
  browserErrors: [
    async ({ browser, context, appServer }, use) => {
      const errors: string[] = [];
      const watch = (ctx: BrowserContext) => {
        ctx.on("weberror", (e) => errors.push(`page error: ${e.error().message}`));
        ctx.on("console", (m) => {
          // a 4xx/5xx answer the test asked for is logged by Chromium as "Failed to load resource"
          if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`console error: ${m.text()}`);
        });
      };
      watch(context);
      const origin = new URL(appServer.baseURL).origin;
      const original = browser.newContext.bind(browser);
      const patched: Browser["newContext"] = async (options) => {
        const ctx = await original(options);
        watch(ctx);
        const newPage = ctx.newPage.bind(ctx);
        ctx.newPage = async () => gotoWaitsForHydration(await newPage(), origin);
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
