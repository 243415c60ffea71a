import { describe, expect, it } from "vitest";
import { catalogues } from "./catalogues";
import { walk } from "./catalogue-walk";
import { translateDynamic } from "./translate";

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
