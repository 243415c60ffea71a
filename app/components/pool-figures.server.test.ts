import { beforeAll, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, userByEmail } from "~/modules/seed/drive.server";
import { poolOverview } from "~/modules/pool/planning.server";
import { seedPool } from "~/modules/seed/pool";
import { db, dbEngine } from "~/utils/db.server";
import { poolFiguresHtml } from "./pool-figures.server";

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
  if ((await db.tranche.count()) === 0) await seedPool();
});

describe("the pool page's figures as HTML (ADR 0049)", () => {
  it("shows the tranches, the timeline and the shares in the reader's language", async () => {
    const overview = await poolOverview({ user: secretariat });
    expect(overview.tranches.length).toBeGreaterThan(0);
    const ko = poolFiguresHtml(overview, "ko");
    expect(ko).toContain('data-testid="tranche-table"');
    expect(ko).toContain("도입 차수별 용량");
    expect(ko).toContain('data-testid="capacity-chart"');
    expect(ko).toContain('data-testid="npu-summary"');
    for (const tranche of overview.tranches) expect(ko).toContain(`>${tranche.label}</th>`);
    // the chart's tip, hidden, and each month's figures as the chart writes them, for the pointer (stepChartEvents)
    expect(ko).toContain('<div class="step-chart-tip" hidden="">');
    const tips = JSON.parse(
      /data-tips="([^"]*)"/
        .exec(ko)![1]
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&"),
    ) as { months: string[]; figures: string[][] };
    expect(tips.months).toEqual(overview.timeline.map((p) => p.month));
    const last = overview.timeline.length - 1;
    const expected = [overview.timeline[last].arrived, overview.timeline[last].allocated, overview.timeline[last].free].map((v) => v.toLocaleString("ko-KR"));
    expect(tips.figures[last]).toEqual(expected);
    const en = poolFiguresHtml(overview, "en");
    expect(en).toContain("Arrived (cumulative)");
    expect(en).not.toBe(ko);
  });

  it("renders once per kept overview and language, and afresh after a commit", async () => {
    const renders = vi.mocked(renderToStaticMarkup);
    const overview = await poolOverview({ user: secretariat });
    const first = poolFiguresHtml(overview, "ko");
    const rendered = renders.mock.calls.length;
    // (on PostgreSQL other test files commit to the same cluster meanwhile: the overview may be read again)
    if (dbEngine === "sqlite") {
      const again = await poolOverview({ user: secretariat });
      expect(again).toBe(overview);
      expect(poolFiguresHtml(again, "ko")).toBe(first);
      expect(renders.mock.calls.length).toBe(rendered);
    }
    await fileAndSubmit(officer, { title: `풀 화면 시험 ${Date.now()}` });
    const after = await poolOverview({ user: secretariat });
    expect(after).not.toBe(overview);
    expect(poolFiguresHtml(after, "ko")).toBe(first); // the same figures (a submitted request is not allocated), rendered again
    if (dbEngine === "sqlite") expect(renders.mock.calls.length).toBe(rendered + 1);
  });
});
