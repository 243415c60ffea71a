import { beforeAll, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, send, userByEmail } from "~/modules/seed/drive.server";
import { getRequestView } from "~/modules/requests/requests.server";
import { dbEngine } from "~/utils/db.server";
import { requestFieldsHtml } from "./request-fields.server";

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
  id = await fileAndSubmit(officer, {
    title: `항목 화면 ${Date.now()}`,
    gpusRequested: 1280,
    problemStatement: '<script>alert("x")</script> 판독 인력이\n부족합니다.',
    desiredStartMonth: "2027-03",
  });
});

describe("the request page's fields as HTML (ADR 0059)", () => {
  it("lists each field as the page did, user text as text, in the reader's language", async () => {
    const item = await getRequestView({ user: secretariat, requestId: id });
    const ko = requestFieldsHtml(item, "ko");
    expect(ko.match(/<dt class="font-semibold">/g)).toHaveLength(12);
    expect(ko).toContain("<dd>1,280</dd>");
    expect(ko).toContain("2027년 3월");
    expect(ko).toContain('<dd class="whitespace-pre-wrap">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 판독 인력이\n부족합니다.</dd>');
    expect(ko).not.toContain("<script>");
    expect(ko).toContain(`<a href="mailto:${item.contactEmail}">`);
    const en = requestFieldsHtml(item, "en");
    expect(en).toContain("Mar 2027");
    expect(en).not.toBe(ko);
  });

  it("renders once per kept view and language, and afresh after a commit changes the request", async () => {
    const renders = vi.mocked(renderToStaticMarkup);
    const item = await getRequestView({ user: secretariat, requestId: id });
    const first = requestFieldsHtml(item, "ko");
    const count = renders.mock.calls.length;
    // (on PostgreSQL other test files commit to the same cluster meanwhile: the row may be read again)
    if (dbEngine === "sqlite") {
      const again = await getRequestView({ user: secretariat, requestId: id });
      expect(again).toBe(item);
      expect(requestFieldsHtml(again, "ko")).toBe(first);
      expect(renders.mock.calls.length).toBe(count);
    }
    await send(secretariat, id, { type: "RETURN", reasons: ["reason:gpuJustification"] });
    const after = await getRequestView({ user: secretariat, requestId: id });
    expect(after).not.toBe(item);
    expect(after.state).toBe("revision");
    expect(requestFieldsHtml(after, "ko")).toBe(first); // the same fields, rendered again for the new view
    expect(renders.mock.calls.length).toBeGreaterThan(count);
  });
});
