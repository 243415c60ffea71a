import { beforeAll, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, send, userByEmail } from "~/modules/seed/drive.server";
import { requestHistoryPage } from "~/modules/requests/requests.server";
import { dbEngine } from "~/utils/db.server";
import { historyListHtml } from "./request-history.server";

// counts the renders (the real one runs)
vi.mock("react-dom/server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("react-dom/server")>();
  return { ...actual, renderToStaticMarkup: vi.fn(actual.renderToStaticMarkup) };
});

type User = Awaited<ReturnType<typeof userByEmail>>;
let officer: User, secretariat: User;
let id: string;

beforeAll(async () => {
  await seedUsers();
  [officer, secretariat] = await Promise.all(["officer@mohw.go.kr", SECRETARIAT_EMAIL].map(userByEmail));
  id = await fileAndSubmit(officer, { title: "이력 화면 확인" });
  await send(secretariat, id, { type: "RETURN", reasons: ["reason:gpuJustification", "<b>예산</b> 내역을 첨부하세요."] });
});

describe("a page of a request's history as HTML (ADR 0049)", () => {
  it("lists each event with its label, state, time, actor and reasons, user text as text, in the reader's language", async () => {
    const { events } = await requestHistoryPage({ user: secretariat, requestId: id });
    const ko = historyListHtml(events, "ko");
    expect(ko.match(/<li class="card text-sm">/g)).toHaveLength(events.length);
    expect(ko).toContain("<strong>보완 요청함</strong> → 보완 중</p>"); // RETURN, to revision
    expect(ko).toContain(`${secretariat.name} (사무국)`);
    expect(ko).toContain("GPU 규모 산정 근거를 보완해 주세요."); // a standard reason, by its code
    expect(ko).toContain("&lt;b&gt;예산&lt;/b&gt; 내역을 첨부하세요.");
    expect(ko).not.toContain("<b>");
    const en = historyListHtml(events, "en");
    expect(en).toContain(`${secretariat.name} (Secretariat)`);
    expect(en).toContain("Please justify the number of GPUs requested.");
  });

  it("renders once per kept page and language, and afresh after a commit", async () => {
    const renders = vi.mocked(renderToStaticMarkup);
    const { events } = await requestHistoryPage({ user: officer, requestId: id });
    const first = historyListHtml(events, "ko");
    const rendered = renders.mock.calls.length;
    // (on PostgreSQL other test files commit to the same cluster meanwhile: the page may be read again)
    if (dbEngine === "sqlite") {
      const again = await requestHistoryPage({ user: secretariat, requestId: id });
      expect(again.events).toBe(events); // the same for every reader who may see the request
      expect(historyListHtml(again.events, "ko")).toBe(first);
      expect(renders.mock.calls.length).toBe(rendered);
    }
    await send(officer, id, { type: "RESUBMIT" });
    const after = await requestHistoryPage({ user: secretariat, requestId: id });
    const html = historyListHtml(after.events, "ko");
    expect(html).not.toBe(first);
    expect(html.indexOf("재제출")).toBeGreaterThanOrEqual(0);
    expect(html.indexOf("재제출")).toBeLessThan(html.indexOf("보완 요청함")); // newest first
  });

  it("names every kind of event a request's history holds, never a message key", () => {
    // the machine's events and the records kept beside them (plans, conditions, files, comments, the pool)
    const types = [
      ...["CREATE", "EDIT", "SUBMIT", "RESUBMIT", "WITHDRAW", "ACCEPT", "RETURN", "SCHEDULE", "UNSCHEDULE", "DECIDE", "AMEND_DECISION"],
      ...["SIGN", "REFUSE_SIGNOFF", "RECONSIDER", "CONDITIONS_MET", "ALLOCATE", "RELEASE", "ALLOCATION_RELEASED", "START", "CLOSE"],
      ...["PLAN_SAVED", "PLAN_SIGNED", "CONDITION_EVIDENCE", "CONDITION_MET", "CONDITION_RETURNED", "ATTACH", "DETACH", "ATTACHMENT_LOST", "COMMENT"],
    ];
    const events = types.map((type, i) => ({
      seq: i + 1,
      type,
      fromState: "approved",
      toState: "approved",
      at: new Date("2026-12-01T01:00:00Z"),
      payload: { revision: 1, side: "MINISTRY", name: "계획서.pdf", gpus: 8, outcome: "approve", approvedGpus: 8 },
      actor: null,
    }));
    for (const locale of ["ko", "en"] as const) {
      const html = historyListHtml(events, locale);
      expect(html.match(/<li class="card text-sm">/g)).toHaveLength(types.length);
      expect(html, locale).not.toMatch(/activity\.|workflow\.eventDone\.|request\.|meeting\.outcomes\./);
    }
    expect(historyListHtml(events, "ko")).toContain("GPU 배분 회수(도입 차수로 반환)");
  });
});
