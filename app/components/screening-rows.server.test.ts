import { beforeAll, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, userByEmail } from "~/modules/seed/drive.server";
import { listScreeningQueue } from "~/modules/screening/screening.server";
import { dbEngine } from "~/utils/db.server";
import { screeningRowsHtml } from "./screening-rows.server";
import { markRefusal, rowsHtmlRefused } from "./screening-rows";

// counts the renders (the real one runs)
vi.mock("react-dom/server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("react-dom/server")>();
  return { ...actual, renderToStaticMarkup: vi.fn(actual.renderToStaticMarkup) };
});

type User = Awaited<ReturnType<typeof userByEmail>>;
let secretariat: User, officer: User;
let odd: string;

beforeAll(async () => {
  await seedUsers();
  [secretariat, officer] = await Promise.all([SECRETARIAT_EMAIL, "officer@mohw.go.kr"].map(userByEmail));
  odd = await fileAndSubmit(officer, { title: `<img src=x onerror="alert(1)"> 대기열 행 ${Date.now()}`, gpusRequested: 16 });
});

describe("the screening queue's rows as HTML (ADR 0049)", () => {
  it("shows each row as the page would, user text as text, each box named for the form with the row's version", async () => {
    const queue = await listScreeningQueue({ user: secretariat });
    const row = queue.items.find((r) => r.id === odd)!;
    const ko = screeningRowsHtml(queue.items, "ko");
    expect(ko).toContain(`name="select" value="${odd}:${row.version}"`);
    expect(ko).toContain(`<a href="/requests/${odd}" data-discover="true">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; 대기열 행`);
    expect(ko).not.toContain("<img");
    expect(ko).toContain("1개 항목 확인 필요"); // the row's checklist (no attachment)
    expect(ko).toContain("16장 × 12개월");
    expect(ko).not.toContain("aria-invalid"); // as the form is before any refusal
    const en = screeningRowsHtml(queue.items, "en");
    expect(en).toContain("16 × 12 months");
    expect(en).toContain("Ministry of Health and Welfare");
  });

  it("renders once per kept queue page and language, and afresh for a new queue", async () => {
    const renders = vi.mocked(renderToStaticMarkup);
    const queue = await listScreeningQueue({ user: secretariat });
    const first = screeningRowsHtml(queue.items, "ko");
    // the rows' renders, not their checklists' (each its own, kept per row)
    const rowRenders = () => renders.mock.calls.filter(([element]) => Array.isArray((element as { props: { items?: unknown } }).props.items)).length;
    const rendered = rowRenders();
    const again = await listScreeningQueue({ user: secretariat });
    // (on PostgreSQL other test files commit to the same cluster meanwhile: the queue may be read again)
    if (dbEngine === "sqlite") {
      expect(again.items).toBe(queue.items);
      expect(screeningRowsHtml(again.items, "ko")).toBe(first);
      expect(rowRenders()).toBe(rendered);
    }
    const newer = await fileAndSubmit(officer, { title: `새 대기열 행 ${Date.now()}` });
    const after = await listScreeningQueue({ user: secretariat });
    expect(after.items).not.toBe(queue.items);
    expect(screeningRowsHtml(after.items, "ko")).toContain(newer);
    if (dbEngine === "sqlite") expect(rowRenders()).toBe(rendered + 1);
  });
});

describe("a refused selection marked on the rows (ADR 0052, third addendum)", () => {
  it("points every box, and nothing else, to the form's message in the server's HTML", async () => {
    const queue = await listScreeningQueue({ user: secretariat });
    const html = screeningRowsHtml(queue.items, "ko");
    const refused = rowsHtmlRefused(html, { errorId: "screening-select-error" });
    const boxes = html.split('name="select"').length - 1;
    expect(boxes).toBe(queue.items.length);
    expect(refused.split('aria-invalid="true" aria-describedby="screening-select-error" name="select"').length - 1).toBe(boxes);
    expect(refused.split("aria-invalid").length - 1).toBe(boxes);
    // the user's text stays text: a title holding the attribute's markup is escaped, not marked
    expect(refused).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(rowsHtmlRefused(html, { errorId: 'x" onclick="y' })).toContain('aria-describedby="x&quot; onclick=&quot;y"');
  });

  it("sets and clears the attributes on the boxes the browser holds, leaving other inputs alone", () => {
    const box = () => {
      const attributes = new Map<string, string>();
      return {
        attributes,
        setAttribute: (name: string, value: string) => attributes.set(name, value),
        removeAttribute: (name: string) => attributes.delete(name),
      };
    };
    const boxes = [box(), box()];
    const asked: string[] = [];
    const rows = { querySelectorAll: (selector: string) => (asked.push(selector), boxes) } as unknown as ParentNode;
    markRefusal(rows, { errorId: "screening-select-error" });
    expect(asked).toEqual(['input[name="select"]']);
    for (const b of boxes) expect(Object.fromEntries(b.attributes)).toEqual({ "aria-invalid": "true", "aria-describedby": "screening-select-error" });
    markRefusal(rows, undefined);
    for (const b of boxes) expect(b.attributes.size).toBe(0);
  });
});
