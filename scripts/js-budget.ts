/**
 * `npm run js:budget` (after `npm run build`): the JavaScript each page loads, gzipped — React Router's
 * client manifest gives the entry and each route's modules with their static imports; the page's
 * language catalogue (one chunk per language, ADR 0025) is added, and chunks the page's modules import
 * lazily are listed beside. Issue 11's budget: 150 KB gzipped per page, lazily loaded chunks included,
 * except the forms' validation (zod and the schemas, ADR 0043): the browser loads that only when
 * someone starts on a form, so it is listed in its own column and not counted at load.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 150;
const assets = path.resolve("build", "client", "assets");
const manifestFile = readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f));
if (!manifestFile) throw new Error("no client build: run `npm run build` first");
const manifest = JSON.parse(
  readFileSync(path.join(assets, manifestFile), "utf8")
    .replace(/^window\.__reactRouterManifest=/, "")
    .replace(/;\s*$/, ""),
) as {
  entry: { module: string; imports: string[] };
  routes: Record<string, { id: string; parentId?: string; path?: string; index?: boolean; module: string; imports?: string[]; hasDefaultExport?: boolean }>;
};

const sizes = new Map<string, number>();
const gz = (url: string) => {
  let n = sizes.get(url);
  if (n === undefined) sizes.set(url, (n = gzipSync(readFileSync(path.join(assets, path.basename(url))), { level: 9 }).length));
  return n;
};
const lazyOf = (url: string) =>
  [...readFileSync(path.join(assets, path.basename(url)), "utf8").matchAll(/import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g)].map((m) => `/assets/${m[1]}`);
const catalogue = (lang: "ko" | "en") => `/assets/${readdirSync(assets).find((f) => (lang === "en" ? /^messages\.en-.*\.js$/ : /^messages-.*\.js$/).test(f))}`;

/** The chunk of app/components/form-schemas.ts and what only it imports: loaded on first use of a form. */
const onFormUse = (url: string) => /\/form-schemas-[^/]*\.js$/.test(url);
const withImports = (url: string, seen = new Set<string>()): Set<string> => {
  if (seen.has(url)) return seen;
  seen.add(url);
  const text = readFileSync(path.join(assets, path.basename(url)), "utf8");
  for (const m of text.matchAll(/(?:^|[;\s])import\s*(?:[^"'`;]*?from\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g)) withImports(`/assets/${m[1]}`, seen);
  return seen;
};

const rows: { route: string; kb: number; en: number; lazy: number; forms: number }[] = [];
for (const route of Object.values(manifest.routes)) {
  if (!route.hasDefaultExport || route.id === "root" || route.id === "routes/app-layout") continue;
  const chain: string[] = [];
  for (let r: typeof route | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) chain.push(r.module, ...(r.imports ?? []));
  const files = new Set([manifest.entry.module, ...manifest.entry.imports, ...chain]);
  const sum = (extra: string) => [...files, extra].reduce((a, f) => a + gz(f), 0) / 1024;
  const lazy = new Set([...files].flatMap(lazyOf).filter((f) => !files.has(f) && !/\/messages(\.en)?-/.test(f)));
  const validation = new Set(
    [...lazy]
      .filter(onFormUse)
      .flatMap((f) => [...withImports(f)])
      .filter((f) => !files.has(f)),
  );
  const kb = (set: Iterable<string>) => [...set].reduce((a, f) => a + gz(f), 0) / 1024;
  rows.push({
    route: route.id.replace(/^routes\//, ""),
    kb: sum(catalogue("ko")),
    en: sum(catalogue("en")),
    lazy: kb([...lazy].filter((f) => !validation.has(f))),
    forms: kb(validation),
  });
}
rows.sort((a, b) => b.kb + b.lazy - (a.kb + a.lazy));
console.log(
  `| page (route module) | JS at load, KB gzip (ko page · en page) | + lazily loaded chunks, KB gzip | + on first use of a form (validation), KB gzip | within ${BUDGET_KB} KB |`,
);
console.log("| --- | --- | --- | --- | --- |");
const dash = (n: number) => (n ? n.toFixed(1) : "—");
for (const r of rows)
  console.log(
    `| ${r.route} | ${r.kb.toFixed(1)} · ${r.en.toFixed(1)} | ${dash(r.lazy)} | ${dash(r.forms)} | ${Math.max(r.kb, r.en) + r.lazy <= BUDGET_KB ? "yes" : "NO"} |`,
  );
