import { describe, expect, it } from "vitest";
import { catalogues } from "./catalogues";
import { walk } from "./catalogue-walk";
import { filledAsWritten, translateDynamic } from "./translate";

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

describe("filling a message's placeholders from its template", () => {
  it("gives what filling it as written gives, for every message of both catalogues and every kind of value", () => {
    const paramSets: Record<string, unknown>[] = [
      {},
      { count: 1, n: 1, total: "1,024", name: "김 주무관", number: 3 },
      { count: 0, n: 2, total: 52000, name: "{count}", title: "<b>회의</b> {x}", meeting: "제3차" },
    ];
    let filled = 0;
    for (const locale of ["ko", "en"] as const)
      for (const [key, text] of walk(catalogues[locale])) {
        if (!text.includes("{")) continue;
        // every placeholder of the message given, none of them, and some
        const names = [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]);
        const all = Object.fromEntries(names.map((name, i) => [name, i % 2 ? `v${i}` : i + 1]));
        for (const params of [...paramSets, all, { ...all, [names[0]]: undefined }]) {
          expect(translateDynamic(locale, key, params as never), `${locale} ${key}`).toBe(filledAsWritten(text, params as never));
          filled++;
        }
      }
    expect(filled).toBeGreaterThan(1000);
  });

  it("fills in order, keeps a placeholder it has no value for, and never fills what a value brings", () => {
    expect(translateDynamic("ko", "inbox.headerCount", { count: "{count}" })).toBe(
      filledAsWritten(translateDynamic("ko", "inbox.headerCount"), { count: "{count}" } as never),
    );
    expect(translateDynamic("ko", "inbox.headerCount", { count: "{count}" })).toContain("{count}");
  });
});
