import { beforeAll, describe, expect, it, vi } from "vitest";
import { renderToString } from "react-dom/server";
import { seedUsers } from "~/test/fixtures";
import { dbEngine } from "~/utils/db.server";
import { fileAndSubmit, SECRETARIAT_EMAIL, userByEmail } from "~/modules/seed/drive.server";
import { pipelineStats } from "~/modules/stats/pipeline.server";
import { createLoadContext, userContext } from "~/utils/request-context.server";
import { prerenderedContext } from "~/utils/prerendered";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { dashboardPanelsHtml } from "./dashboard-panels.server";

// counts the renders (the real one runs)
vi.mock("react-dom/server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("react-dom/server")>();
  return { ...actual, renderToString: vi.fn(actual.renderToString) };
});

type User = Awaited<ReturnType<typeof userByEmail>>;
let secretariat: User, mnd: User;

beforeAll(async () => {
  await seedUsers();
  [secretariat, mnd] = await Promise.all([SECRETARIAT_EMAIL, "officer@mnd.go.kr"].map(userByEmail));
  await fileAndSubmit(mnd, { gpusRequested: 40, sector: "NATIONAL_PROJECT" });
});

/** The figure the pipeline table shows for a state (its first cell), from the HTML. */
const screeningRow = (html: string) => /data-state="screening"><th scope="row"><a href="([^"]*)">([^<]*)<\/a><\/th><td>([^<]*)<\/td>/.exec(html);

describe("the dashboard's panels as HTML (ADR 0037)", () => {
  it("draws each chart with its table, in the reader's language, with links that keep the filters", async () => {
    const stats = await pipelineStats({ user: secretariat, query: { sector: "NATIONAL_PROJECT" } });
    const ko = dashboardPanelsHtml(stats, { query: { sector: "NATIONAL_PROJECT" }, officer: false, locale: "ko" });
    expect(screeningRow(ko)?.slice(1)).toEqual(["/requests?state=screening&amp;sector=NATIONAL_PROJECT", "사무국 검토 중", "1"]);
    for (const id of ["dash-pipeline", "dash-matrix", "dash-time", "dash-sla", "dash-gpus", "dash-npu"]) expect(ko).toContain(`data-testid="${id}"`);
    const en = dashboardPanelsHtml(stats, { query: { sector: "NATIONAL_PROJECT" }, officer: false, locale: "en" });
    expect(screeningRow(en)?.[2]).toBe("Under secretariat screening");
    // an officer's view of the same figures has no ministry × state table
    expect(dashboardPanelsHtml(stats, { query: { sector: "NATIONAL_PROJECT" }, officer: true, locale: "ko" })).not.toContain('data-testid="dash-matrix"');
  });

  it("renders once per kept figures and view, and again when the figures are new after a commit", async () => {
    const view = { query: {}, officer: false, locale: "ko" as const };
    const renders = vi.mocked(renderToString);
    const first = dashboardPanelsHtml(await pipelineStats({ user: secretariat, query: {} }), view);
    const rendered = renders.mock.calls.length;
    expect(dashboardPanelsHtml(await pipelineStats({ user: secretariat, query: {} }), view)).toBe(first);
    // (on PostgreSQL other test files commit to the same cluster meanwhile, and each commit is a new render)
    if (dbEngine === "sqlite") expect(renders.mock.calls.length).toBe(rendered);
    expect(screeningRow(first)?.[3]).toBe("1");

    await fileAndSubmit(mnd, { gpusRequested: 3 });
    const after = dashboardPanelsHtml(await pipelineStats({ user: secretariat, query: {} }), view);
    expect(screeningRow(after)?.[3]).toBe("2");
    if (dbEngine === "sqlite") expect(renders.mock.calls.length).toBe(rendered + 1);
  });

  it("is an island (ADR 0052): a document's loader leaves the panels to its render, a navigation's data carries them", async () => {
    await fileAndSubmit(mnd, { gpusRequested: 5 }); // figures not rendered yet
    const renders = vi.mocked(renderToString);
    const before = renders.mock.calls.length;
    const document = createLoadContext({ clientIp: "127.0.0.1", document: true });
    document.set(userContext, secretariat);
    const forDocument = await dashboardLoader({
      request: new Request("http://localhost/dashboard"),
      url: new URL("http://localhost/dashboard"),
      context: document,
      params: {},
    } as never);
    // the document's render makes the HTML; the loader data carries none of it, nor the figures
    expect(forDocument.panels).toBeNull();
    expect(JSON.stringify(forDocument)).not.toContain("byState");
    expect(renders.mock.calls.length).toBe(before);
    const html = document.get(prerenderedContext).get("dashboard-panels")!();
    expect(renders.mock.calls.length).toBe(before + 1);
    expect(html).toBe(dashboardPanelsHtml(await pipelineStats({ user: secretariat, query: {} }), { query: {}, officer: false, locale: "ko" }));
    // a client navigation's data: the same HTML, kept with the figures (not rendered again)
    const data = createLoadContext({ clientIp: "127.0.0.1" });
    data.set(userContext, secretariat);
    const forData = await dashboardLoader({
      request: new Request("http://localhost/dashboard.data"),
      url: new URL("http://localhost/dashboard"),
      context: data,
      params: {},
    } as never);
    expect(forData.panels).toBe(html);
    if (dbEngine === "sqlite") expect(renders.mock.calls.length).toBe(before + 1);
  });

  it("escapes what people typed, as React does on the page", async () => {
    const stats = await pipelineStats({ user: secretariat, query: {} });
    const html = dashboardPanelsHtml(stats, { query: { ministry: '"><script>x</script>' }, officer: false, locale: "ko" });
    expect(html).not.toContain("<script>");
  });
});
