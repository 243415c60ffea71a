import { beforeAll, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, userByEmail } from "~/modules/seed/drive.server";
import { listScreeningQueue } from "~/modules/screening/screening.server";
import { dbEngine } from "~/utils/db.server";
import { screeningChecklistHtml } from "./screening-checklist.server";

// counts the renders (the real one runs)
vi.mock("react-dom/server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("react-dom/server")>();
  return { ...actual, renderToStaticMarkup: vi.fn(actual.renderToStaticMarkup) };
});

type User = Awaited<ReturnType<typeof userByEmail>>;
let secretariat: User, officer: User;

beforeAll(async () => {
  await seedUsers();
  [secretariat, officer] = await Promise.all([SECRETARIAT_EMAIL, "officer@mohw.go.kr"].map(userByEmail));
  // no files attached: the attachment check fails
  await fileAndSubmit(officer, { gpusRequested: 16 });
});

describe("the screening queue's checklists as HTML (ADR 0037)", () => {
  it("shows each check passed or failed, for eyes and for screen readers, in the reader's language", async () => {
    const [row] = (await listScreeningQueue({ user: secretariat })).items;
    const ko = screeningChecklistHtml(row.checklist, "ko");
    expect(ko).toContain("1개 항목 확인 필요");
    expect(ko).toMatch(
      /<li class="font-semibold text-red-800" data-check="attachment" data-ok="false"><span aria-hidden="true">✗ <\/span>첨부 파일<span class="sr-only"> \(확인 필요\)<\/span>/,
    );
    expect(ko).toMatch(/data-check="intake" data-ok="true"><span aria-hidden="true">✓ <\/span>/);
    const en = screeningChecklistHtml(row.checklist, "en");
    expect(en).toMatch(/data-check="attachment" data-ok="false"><span aria-hidden="true">✗ <\/span>Attachment/);
  });

  it("renders once per kept queue row and language, and afresh for the rows of a new queue", async () => {
    const renders = vi.mocked(renderToStaticMarkup);
    const [row] = (await listScreeningQueue({ user: secretariat })).items;
    const first = screeningChecklistHtml(row.checklist, "ko");
    const rendered = renders.mock.calls.length;
    const [again] = (await listScreeningQueue({ user: secretariat })).items;
    expect(screeningChecklistHtml(again.checklist, "ko")).toBe(first);
    // (on PostgreSQL other test files commit to the same cluster meanwhile: the queue may be read again)
    if (dbEngine === "sqlite") expect(renders.mock.calls.length).toBe(rendered);

    await fileAndSubmit(officer, { gpusRequested: 8 });
    const queue = await listScreeningQueue({ user: secretariat });
    expect(queue.items).toHaveLength(2);
    screeningChecklistHtml(queue.items[0].checklist, "ko");
    if (dbEngine === "sqlite") expect(renders.mock.calls.length).toBe(rendered + 1);
  });
});
