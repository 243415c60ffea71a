import { beforeAll, describe, expect, it, vi } from "vitest";
import { renderToString } from "react-dom/server";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, userByEmail } from "~/modules/seed/drive.server";
import { listScreeningQueue } from "~/modules/screening/screening.server";
import { dbEngine } from "~/utils/db.server";
import { screeningRows, screeningRowsHtml } from "./screening-rows.server";

// counts the renders (the real one runs)
vi.mock("react-dom/server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("react-dom/server")>();
  return { ...actual, renderToString: vi.fn(actual.renderToString) };
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
    const ko = screeningRowsHtml(queue.items, screeningRows(queue.items, "ko"), "ko");
    expect(ko).toContain(`name="select" value="${odd}:${row.version}"`);
    expect(ko).toContain(`<a href="/requests/${odd}" data-discover="true">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; 대기열 행`);
    expect(ko).not.toContain("<img");
    expect(ko).toContain("1개 항목 확인 필요"); // the row's checklist (no attachment)
    expect(ko).toContain("16장 × 12개월");
    expect(ko).not.toContain("aria-invalid"); // as the form is before any refusal
    const en = screeningRowsHtml(queue.items, screeningRows(queue.items, "en"), "en");
    expect(en).toContain("16 × 12 months");
    expect(en).toContain("Ministry of Health and Welfare");
  });

  it("renders once per kept queue page and language, and afresh for a new queue", async () => {
    const renders = vi.mocked(renderToString);
    const queue = await listScreeningQueue({ user: secretariat });
    const first = screeningRowsHtml(queue.items, screeningRows(queue.items, "ko"), "ko");
    const rendered = renders.mock.calls.length;
    const again = await listScreeningQueue({ user: secretariat });
    // (on PostgreSQL other test files commit to the same cluster meanwhile: the queue may be read again)
    if (dbEngine === "sqlite") {
      expect(again.items).toBe(queue.items);
      expect(screeningRowsHtml(again.items, screeningRows(again.items, "ko"), "ko")).toBe(first);
      expect(renders.mock.calls.length).toBe(rendered);
    }
    const newer = await fileAndSubmit(officer, { title: `새 대기열 행 ${Date.now()}` });
    const after = await listScreeningQueue({ user: secretariat });
    expect(after.items).not.toBe(queue.items);
    expect(screeningRowsHtml(after.items, screeningRows(after.items, "ko"), "ko")).toContain(newer);
    if (dbEngine === "sqlite") expect(renders.mock.calls.length).toBe(rendered + 1);
  });
});
