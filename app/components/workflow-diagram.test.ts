import { describe, expect, it } from "vitest";
import { REQUEST_STATES, describeWorkflow } from "#workflows/demand-request.machine";
import { layoutWorkflow } from "./workflow-diagram";

describe("workflow diagram layout", () => {
  const { nodes, width, height } = layoutWorkflow(describeWorkflow());

  it("places every state of the machine exactly once, inside the drawing", () => {
    expect([...nodes.keys()].sort()).toEqual([...REQUEST_STATES].sort());
    for (const n of nodes.values()) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.x).toBeLessThan(width);
      expect(n.y).toBeLessThan(height);
    }
  });

  it("never stacks two states on the same spot, and reads left to right along the main path", () => {
    const spots = [...nodes.values()].map((n) => `${n.x},${n.y}`);
    expect(new Set(spots).size).toBe(spots.length);
    const x = (id: string) => nodes.get(id)!.x;
    expect(x("draft")).toBeLessThan(x("screening"));
    expect(x("screening")).toBeLessThan(x("jointPlanning"));
    expect(x("onAgenda")).toBeLessThan(x("awaitingSignoff"));
    expect(x("approved")).toBeLessThan(x("allocated"));
  });
});
