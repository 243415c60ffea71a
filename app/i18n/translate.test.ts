import { describe, expect, it } from "vitest";
import { catalogues } from "./catalogues";
import { translateDynamic } from "./translate";

/** Every dotted key of a catalogue's tree with its message, walked the long way. */
function walk(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([name, value]) => walk(value, prefix ? `${prefix}.${name}` : name));
}

describe("looking up a message by its dotted key", () => {
  it("finds every message of both catalogues, and nothing for a branch or an unknown key", () => {
    for (const locale of ["ko", "en"] as const) {
      const all = walk(catalogues[locale]);
      expect(all.length).toBeGreaterThan(500);
      // a message without placeholders comes back as written
      for (const [key, text] of all) if (!text.includes("{")) expect(translateDynamic(locale, key), key).toBe(text);
    }
    // a branch, an unknown key, a key through a message, an object's own property: the key itself
    for (const key of ["inbox", "no.such.key", "inbox.headerCount.more", "constructor", "inbox.toString"]) expect(translateDynamic("en", key)).toBe(key);
  });
});
