import { describe, expect, it, vi } from "vitest";
import { RouterContextProvider } from "react-router";
import { createLoadContext } from "./utils/request-context.server";
import { htmlIsland, prerenderedContext } from "./utils/prerendered";
import { prerenderedOf } from "./entry.server";

describe("parts rendered ahead for the document (ADR 0037)", () => {
  it("renders each part the loaders left; a part that fails is left to the page, and logged", () => {
    const context = createLoadContext({ clientIp: "127.0.0.1" });
    const failure = new Error("panels failed");
    context.get(prerenderedContext).set("ok", () => "<p>ok</p>");
    context.get(prerenderedContext).set("broken", () => {
      throw failure;
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const parts = prerenderedOf(context)!;
    expect([...parts]).toEqual([["ok", "<p>ok</p>"]]);
    expect(logged).toHaveBeenCalledWith(failure);
    logged.mockRestore();
  });

  it("has none for a request without the app's context", () => {
    expect(prerenderedOf(undefined)).toBeNull();
    expect(prerenderedOf(new RouterContextProvider())).toBeNull();
  });
});

describe("HTML islands (ADR 0052)", () => {
  it("go in the document on a document request, and in the loader data on a navigation's data request", () => {
    const drawing = () => "<figure>단계</figure>";
    const document = createLoadContext({ clientIp: "127.0.0.1", document: true });
    expect(htmlIsland(document, "drawing", drawing)).toBeNull();
    expect([...prerenderedOf(document)!]).toEqual([["drawing", "<figure>단계</figure>"]]);
    const data = createLoadContext({ clientIp: "127.0.0.1" });
    expect(htmlIsland(data, "drawing", drawing)).toBe("<figure>단계</figure>");
    expect([...prerenderedOf(data)!]).toEqual([]);
  });
});
