/**
 * The browser's catalogue is `koPages` / `enPages`; what only the server says is added in `ko` / `en`
 * (ADR 0044). A page that named a server-only key would show the key itself after hydration. This
 * looks through the code the browser runs (components, route modules without their loader and
 * action) for any server-only key, literally or as the start of a key built at run time.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { walk } from "./catalogue-walk";
import { en, enPages } from "./messages.en";
import { ko, koPages } from "./messages";

const leaves = (tree: object) => walk(tree).map(([key]) => key);

/** Files the browser may run: app code, not server modules, tests, the JSON API or the catalogues themselves. */
function browserSources(dir = "app"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return ["app/generated", "app/routes/api"].includes(file) ? [] : browserSources(file);
    if (!/\.tsx?$/.test(entry.name) || /\.server\.|\.test\./.test(entry.name)) return [];
    return dir === "app/i18n" && /(^|\.)messages(\.en)?\.ts$|^catalogue/.test(entry.name) ? [] : [file];
  });
}

/** A route module without its loader and action (top-level functions, closed by a `}` at the start of a line). */
function withoutServerExports(text: string): string {
  return text.replace(/^export (async )?function (loader|action)\b[\s\S]*?^\}$/gm, "");
}

describe("the browser's catalogue (ADR 0044)", () => {
  // the field messages come with the forms' validation (addFieldMessages): the browser has them when it checks a form
  const pages = new Set(leaves(koPages));
  const serverOnly = leaves(ko).filter((key) => !pages.has(key) && !key.startsWith("validation."));
  const code = browserSources()
    .map((file) => withoutServerExports(readFileSync(file, "utf8")))
    .join("\n");

  it("leaves out what only the server says, in both languages alike", () => {
    expect(serverOnly.length).toBeGreaterThan(100);
    expect(serverOnly).toContain("workflow.refusal.NOT_IN_STATE");
    expect(serverOnly).toContain("reports.pdf.fontMissing");
    expect(leaves(en).sort()).toEqual(leaves(ko).sort());
    expect(leaves(enPages).sort()).toEqual(leaves(koPages).sort());
  });

  it("has every key the browser's code names", () => {
    const named = serverOnly.filter((key) => new RegExp(`["'\`]${key.replace(/\./g, "\\.")}["'\`]`).test(code));
    expect(named).toEqual([]);
  });

  it("has every key the browser's code builds at run time (`ns.part.${…}`)", () => {
    const prefixes = [...new Set([...code.matchAll(/[`"']([a-zA-Z]+\.[a-zA-Z.]+)\.\$\{/g)].map((m) => `${m[1]}.`))];
    expect(prefixes.length).toBeGreaterThan(10);
    expect(serverOnly.filter((key) => prefixes.some((prefix) => key.startsWith(prefix)))).toEqual([]);
  });
});
