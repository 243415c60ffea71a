import { beforeAll, describe, expect, it } from "vitest";
import { db, dbEngine } from "~/utils/db.server";
import { postgresSearch, searchBackend, shortTermsOnly, sqliteSearch } from "./search-index.server";

// The index's own rows, written directly (the triggers of the source tables are search.server.test.ts's
// subject): two ministries, one document a minute, so "newest" is known.
const ORG_A = "org-a";
const ORG_B = "org-b";
const docs: { recordId: string; organizationId: string | null; title: string; body: string }[] = [
  // oldest first
  { recordId: "model-both", organizationId: ORG_A, title: "항만물류 예측모형", body: "검토" },
  { recordId: "model-first", organizationId: ORG_A, title: "예측모형 고도화", body: "항만물류 자료" },
  { recordId: "model-second", organizationId: ORG_A, title: "항만물류 개선", body: "예측모형 적용" },
  { recordId: "dataset-title", organizationId: ORG_B, title: "공공 데이터셋 구축", body: "표준" },
  { recordId: "dataset-body", organizationId: ORG_A, title: "품질 관리", body: "공공 데이터셋의 품질을 봅니다" },
  { recordId: "old-title-hit", organizationId: ORG_A, title: "의료 데이터 표준화", body: "오래된 요청" },
  { recordId: "old-body-hit", organizationId: ORG_A, title: "행정 문서 요약", body: "의료 기관 문서" },
  { recordId: "b-title-hit", organizationId: ORG_B, title: "의료 영상 판독", body: "다른 부처" },
  { recordId: "new-body-hit", organizationId: ORG_A, title: "민원 상담", body: "의료 민원도 받습니다" },
  { recordId: "new-miss", organizationId: ORG_A, title: "교통 신호 최적화", body: "교차로" },
  { recordId: "newest-title-hit", organizationId: ORG_A, title: "응급 의료 수요 예측", body: "병상" },
  { recordId: "meeting", organizationId: null, title: "의료 분야 안건 회의", body: "회의" },
];

beforeAll(async () => {
  const start = Date.parse("2026-11-01T00:00:00Z");
  await db.searchDocument.createMany({
    data: docs.map((d, i) => ({ kind: "request", requestId: d.recordId, keywords: "", updatedAt: new Date(start + i * 60_000), ...d })),
  });
});

const ids = async (input: Parameters<typeof shortTermsOnly>[0]) => (await shortTermsOnly(input)).map((d) => d.recordId);

describe("shortTermsOnly (a search of 1–2 character terms)", () => {
  it("answers from the newest documents when they hold enough title hits, as the whole scan would", async () => {
    // the newest three documents hold two title hits: enough for a limit of 2
    const quick = await ids({ terms: ["의료"], organizationId: null, limit: 2, window: 3 });
    expect(quick).toEqual(["meeting", "newest-title-hit"]);
    expect(await ids({ terms: ["의료"], organizationId: null, limit: 2, window: 0 })).toEqual(quick);
  });

  it("scans the whole scope when the newest documents do not hold enough title hits: older title hits before newer text hits", async () => {
    // the newest three hold two title hits, a limit of 4 needs more: the older title hits come before the newer body hit
    const all = ["meeting", "newest-title-hit", "b-title-hit", "old-title-hit", "new-body-hit", "old-body-hit"];
    expect(await ids({ terms: ["의료"], organizationId: null, limit: 10, window: 3 })).toEqual(all);
    expect(await ids({ terms: ["의료"], organizationId: null, limit: 4, window: 3 })).toEqual(all.slice(0, 4));
    expect(await ids({ terms: ["의료"], organizationId: null, limit: 4, window: 1_000 })).toEqual(all.slice(0, 4));
  });

  it("keeps a ministry to its own documents in the window and in the scan", async () => {
    expect(await ids({ terms: ["의료"], organizationId: ORG_A, limit: 1, window: 2 })).toEqual(["newest-title-hit"]);
    expect(await ids({ terms: ["의료"], organizationId: ORG_A, limit: 10, window: 2 })).toEqual([
      "newest-title-hit",
      "old-title-hit",
      "new-body-hit",
      "old-body-hit",
    ]);
  });

  it("needs every term, in any field", async () => {
    expect(await ids({ terms: ["의료", "병상"], organizationId: null, limit: 1, window: 3 })).toEqual(["newest-title-hit"]);
    expect(await ids({ terms: ["의료", "민원"], organizationId: null, limit: 5, window: 3 })).toEqual(["new-body-hit"]);
  });
});

describe("a search of longer terms", () => {
  const find = async (organizationId: string | null, limit: number) =>
    (await searchBackend().find({ terms: { long: ["데이터셋"], short: [] }, organizationId, limit })).map((d) => d.recordId);

  it("ranks a title hit above a newer text hit, and cuts to the limit after ranking", async () => {
    expect(await find(null, 5)).toEqual(["dataset-title", "dataset-body"]);
    expect(await find(null, 1)).toEqual(["dataset-title"]);
  });

  it("keeps a ministry to its own documents", async () => {
    expect(await find(ORG_A, 5)).toEqual(["dataset-body"]);
  });
});

describe("each engine ranks a search of longer terms when it fits the window, and lists a common one by its title hits (ADR 0057)", () => {
  const backend = dbEngine === "sqlite" ? sqliteSearch : postgresSearch;
  const find = async (
    window: number,
    organizationId: string | null,
    terms: { long: string[]; short: string[] } = { long: ["데이터셋"], short: [] },
    limit = 5,
  ) => (await backend({ window }).find({ terms, organizationId, limit })).map((d) => d.recordId);

  it("ranks every match when they fit the window", async () => {
    expect(await find(2, null)).toEqual(["dataset-title", "dataset-body"]);
    // "데이터" matches three documents: a window of three ranks them all (engine's rank; listed below for a window of one)
    expect((await find(3, null, { long: ["데이터"], short: [] })).sort()).toEqual(["dataset-body", "dataset-title", "old-title-hit"]);
  });

  it("gives a search with few matches the same answer at any window that holds them all, and one match as it is", async () => {
    // SQLite reads such matches oldest first (ADR 0061): two matches, windows of two (all of them) and more
    for (const window of [2, 3, 200]) expect(await find(window, null)).toEqual(["dataset-title", "dataset-body"]);
    // one match: the document itself, in scope only
    for (const window of [1, 2, 200]) expect(await find(window, null, { long: ["교차로"], short: [] })).toEqual(["new-miss"]);
    expect(await find(2, ORG_A, { long: ["교차로"], short: [] })).toEqual(["new-miss"]);
    expect(await find(2, ORG_B, { long: ["교차로"], short: [] })).toEqual([]);
    expect(await find(2, null, { long: ["교차로"], short: ["의료"] })).toEqual([]);
  });

  it("lists a search with more matches than the window by its title hits, newest first however old, then its newest other matches", async () => {
    // "데이터": two title hits (old-title-hit, then the older dataset-title) and a mention in a text (dataset-body)
    expect(await find(1, null, { long: ["데이터"], short: [] })).toEqual(["old-title-hit", "dataset-title", "dataset-body"]);
    // the older title hit comes before the newer mention in a text
    expect(await find(1, null)).toEqual(["dataset-title", "dataset-body"]);
    // cut to the limit
    expect(await find(1, null, { long: ["데이터"], short: [] }, 2)).toEqual(["old-title-hit", "dataset-title"]);
  });

  it("counts as a title hit a title that holds every longer term, in any order", async () => {
    // model-first has only the first term in its title, model-second only the second: both are newest-first mentions
    const expected = ["model-both", "model-second", "model-first"];
    expect(await find(1, null, { long: ["예측모형", "항만물류"], short: [] })).toEqual(expected);
    expect(await find(1, null, { long: ["항만물류", "예측모형"], short: [] })).toEqual(expected);
  });

  it("keeps a ministry to its own matches and title hits", async () => {
    // ministry A: two matches of "데이터" (old-title-hit, dataset-body); B's title hit dataset-title is not one of them
    expect(await find(1, ORG_A, { long: ["데이터"], short: [] })).toEqual(["old-title-hit", "dataset-body"]);
    // ministry B's one match is older than ministry A's: it fits B's window and is ranked
    expect(await find(1, ORG_B)).toEqual(["dataset-title"]);
    expect(await find(1, ORG_A)).toEqual(["dataset-body"]);
  });

  it("counts only matches of every term, short ones too", async () => {
    // "데이터" matches three documents; with "의료" only old-title-hit, which fits a window of one
    expect(await find(1, null, { long: ["데이터"], short: ["의료"] })).toEqual(["old-title-hit"]);
    // with "공공": dataset-title (a title hit) and dataset-body, more than a window of one
    expect(await find(1, null, { long: ["데이터"], short: ["공공"] })).toEqual(["dataset-title", "dataset-body"]);
    expect(await find(1, ORG_A, { long: ["데이터"], short: ["공공"] })).toEqual(["dataset-body"]);
  });

  it.skipIf(dbEngine !== "sqlite")("keeps the index of titles in step with the documents (SQLite)", async () => {
    const titleHits = async (word: string) =>
      (await db.$queryRawUnsafe<{ id: number }[]>(`SELECT rowid AS id FROM "SearchTitleFts" WHERE "SearchTitleFts" MATCH ?`, `"${word}"`)).map((r) =>
        Number(r.id),
      );
    const doc = await db.searchDocument.create({
      data: {
        kind: "request",
        recordId: "renamed",
        requestId: "renamed",
        organizationId: ORG_A,
        title: "선박 자율운항",
        body: "",
        keywords: "",
        updatedAt: new Date(),
      },
    });
    expect(await titleHits("자율운항")).toEqual([doc.id]);
    await db.searchDocument.update({ where: { id: doc.id }, data: { title: "항로설계 개선" } });
    expect(await titleHits("자율운항")).toEqual([]);
    expect(await titleHits("항로설계")).toEqual([doc.id]);
    // a change to anything but the title leaves the index as it is (the trigger watches the title only)
    await db.searchDocument.update({ where: { id: doc.id }, data: { body: "자율운항 선박" } });
    expect(await titleHits("자율운항")).toEqual([]);
    await db.searchDocument.delete({ where: { id: doc.id } });
    expect(await titleHits("항로설계")).toEqual([]);
  });
});
