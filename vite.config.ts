import path from "node:path";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";

/**
 * The browser build gets app/i18n/catalogues.browser.ts for app/i18n/catalogues.ts: one language per
 * page, loaded as its own chunk (ADR 0025). The server, tests and scripts keep both languages.
 */
function browserCatalogues(): Plugin {
  const server = path.resolve("app/i18n/catalogues.ts");
  const browser = path.resolve("app/i18n/catalogues.browser.ts");
  return {
    name: "ax:browser-catalogues",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (options?.ssr || this.environment?.config.consumer === "server") return null;
      if (!importer || !/catalogues(\.ts)?$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === server ? browser : null;
    },
  };
}

export default defineConfig({
  plugins: [browserCatalogues(), tailwindcss(), reactRouter()],
  resolve: { tsconfigPaths: true },
});
