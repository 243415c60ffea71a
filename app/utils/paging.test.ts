import { describe, expect, it } from "vitest";
import { pageLinks } from "./paging";

describe("pageLinks", () => {
  it("walks forward and back through cursor pages, keeping the filters", () => {
    const first = pageLinks(new URLSearchParams("state=draft"), "c2");
    expect(first.prev).toBeNull();
    expect(first.first).toBeNull();
    expect(first.next).toBe("?state=draft&cursor=c2&back=-");
    const second = pageLinks(new URLSearchParams(first.next!.slice(1)), "c3");
    expect(second.prev).toBe("?state=draft");
    expect(second.next).toBe("?state=draft&cursor=c3&back=-&back=c2");
    const third = pageLinks(new URLSearchParams(second.next!.slice(1)), null);
    expect(third.next).toBeNull();
    expect(third.prev).toBe("?state=draft&cursor=c2&back=-");
    expect(third.first).toBe("?state=draft");
  });
  it("a cursor without a trail (an old link) goes back to the first page", () => {
    expect(pageLinks(new URLSearchParams("cursor=x"), null).prev).toBe("?");
  });
});
