import { describe, expect, it } from "vitest";
import { workflowDiagramHtml } from "./workflow-diagram.server";

describe("the workflow diagram as the server's HTML (ADR 0048)", () => {
  const screening = { current: "screening", reached: ["draft", "screening"], offered: ["ACCEPT", "RETURN"] };

  it("marks where the request is and has been, and names the moves offered, in the page's language", () => {
    const ko = workflowDiagramHtml({ ...screening, locale: "ko" });
    expect(ko).toMatch(/<g data-state="screening" aria-current="step">/);
    expect(ko).toMatch(/<g data-state="draft">/);
    expect(ko).toContain("지금 할 수 있는 이동: 접수, 보완 요청");
    const en = workflowDiagramHtml({ ...screening, locale: "en" });
    expect(en).toContain("Moves you can make now: Accept, Return for revision");
    expect(en).not.toContain("접수");
  });

  it("gives the same HTML for the same view, whatever the order the states were reached in, and another for another view", () => {
    const html = workflowDiagramHtml({ ...screening, locale: "ko" });
    expect(workflowDiagramHtml({ ...screening, reached: ["screening", "draft", "screening"], locale: "ko" })).toBe(html);
    const none = workflowDiagramHtml({ ...screening, offered: [], locale: "ko" });
    expect(none).not.toBe(html);
    expect(none).not.toContain("지금 할 수 있는 이동:");
  });
});
