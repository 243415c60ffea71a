import { beforeAll, describe, expect, it } from "vitest";
import { expectKept, seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, userByEmail } from "~/modules/seed/drive.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { draftIntakeSchema, listQuerySchema, type ListQuery } from "./request.schema";
import { createRequest } from "./requests.server";
import { listRequests } from "./request-list.server";

type User = Awaited<ReturnType<typeof userByEmail>>;
let mohw: User, mnd: User, secretariat: User;
const mohwIds: string[] = [];

beforeAll(async () => {
  await seedUsers();
  [mohw, mnd, secretariat] = await Promise.all(["officer@mohw.go.kr", "officer@mnd.go.kr", SECRETARIAT_EMAIL].map(userByEmail));
  // Drafts with and without GPU counts and titles (nullable sort keys), ties on GPUs, one submitted each.
  const drafts = [
    { title: "나 감염병 예측", gpusRequested: 64, sector: "NATIONAL_PROJECT", domain: "HEALTH" },
    { title: "가 병상 배치 최적화", gpusRequested: 512, sector: "INDUSTRY", domain: "HEALTH" },
    { title: "다 의료영상 판독", gpusRequested: 64, sector: "INDUSTRY", domain: "HEALTH" },
    { gpusRequested: 8 },
    { title: "라 GPU 미정 과제" },
    {},
  ] as const;
  for (const fields of drafts) mohwIds.push((await createRequest({ user: mohw, fields: { ...fields } })).id);
  mohwIds.push(await fileAndSubmit(mohw, { title: "마 제출된 보건 과제", gpusRequested: 128 }));
  await createRequest({ user: mnd, fields: { title: "국방 물자 예측", gpusRequested: 9999, domain: "DEFENSE" } });
  await fileAndSubmit(mnd, { title: "국방 제출 과제", gpusRequested: 32 });
});

async function allPages(user: User, query: ListQuery) {
  const seen: { id: string; title: string | null; gpusRequested: number | null }[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const page = await listRequests({ user, query: { ...query, cursor, limit: 2 } });
    seen.push(...page.items);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("listRequests", () => {
  it("shows an officer only their ministry, even when asked for another", async () => {
    const items = await allPages(mohw, { ministry: "MND" });
    expect(items.map((i) => i.id).sort()).toEqual([...mohwIds].sort());
  });

  it.each(["newest", "oldest", "gpus", "title"] as const)("pages through every row exactly once when sorted by %s", async (sort) => {
    const paged = await allPages(mohw, { sort });
    const oneGo = (await listRequests({ user: mohw, query: { sort, limit: 100 } })).items;
    expect(paged.map((i) => i.id)).toEqual(oneGo.map((i) => i.id));
    expect(new Set(paged.map((i) => i.id)).size).toBe(mohwIds.length);
  });

  it("sorts by GPUs descending and by title ascending with blanks last", async () => {
    const byGpus = (await listRequests({ user: mohw, query: { sort: "gpus", limit: 100 } })).items.map((i) => i.gpusRequested);
    expect(byGpus).toEqual([512, 128, 64, 64, 8, null, null]);
    const byTitle = (await listRequests({ user: mohw, query: { sort: "title", limit: 100 } })).items.map((i) => i.title);
    expect(byTitle).toEqual(["가 병상 배치 최적화", "나 감염병 예측", "다 의료영상 판독", "라 GPU 미정 과제", "마 제출된 보건 과제", null, null]);
  });

  it("filters by sector, domain, state and ministry, and searches title and reference", async () => {
    expect((await listRequests({ user: mohw, query: { sector: "INDUSTRY", domain: "HEALTH" } })).items.map((i) => i.title).sort()).toEqual([
      "가 병상 배치 최적화",
      "다 의료영상 판독",
      "마 제출된 보건 과제",
    ]);
    expect((await listRequests({ user: secretariat, query: { ministry: "MND" } })).items.map((i) => i.title).sort()).toEqual([
      "국방 물자 예측",
      "국방 제출 과제",
    ]);
    expect((await listRequests({ user: mohw, query: { q: "감염병" } })).items.map((i) => i.title)).toEqual(["나 감염병 예측"]);
    const submitted = await db.demandRequest.findUniqueOrThrow({ where: { id: mohwIds[6] } });
    expect((await listRequests({ user: mohw, query: { q: submitted.reference! } })).items.map((i) => i.id)).toEqual([submitted.id]);
    expect((await listRequests({ user: mnd, query: { q: submitted.reference! } })).items).toEqual([]);
    expect((await listRequests({ user: mohw, query: { state: "screening" } })).items.map((i) => i.id)).toEqual([submitted.id]);
  });

  it("counts per state under the other filters, in the caller's scope", async () => {
    const mine = await listRequests({ user: mohw, query: { state: "screening" } });
    expect(mine.counts).toEqual({ draft: 6, screening: 1 });
    expect(mine.total).toBe(7);
    const all = await listRequests({ user: secretariat, query: { domain: "DEFENSE" } });
    expect(all.counts).toEqual({ draft: 1 });
  });

  it("refuses a cursor that was edited or belongs to another sort", async () => {
    const first = await listRequests({ user: mohw, query: { sort: "gpus", limit: 2 } });
    await expect(listRequests({ user: mohw, query: { sort: "title", cursor: first.nextCursor!, limit: 2 } })).rejects.toBeInstanceOf(AppError);
    await expect(listRequests({ user: mohw, query: { cursor: "not-a-cursor" } })).rejects.toMatchObject({ status: 422 });
  });

  it("validates the query: unknown states and sorts are refused, limit is capped", () => {
    expect(listQuerySchema.safeParse({ state: "deleted" }).success).toBe(false);
    expect(listQuerySchema.safeParse({ sort: "random" }).success).toBe(false);
    expect(listQuerySchema.safeParse({ limit: "500" }).success).toBe(false);
    expect(listQuerySchema.parse({})).toEqual({ sort: "newest", limit: 20 });
  });
});

describe("what a client can send to the list (issue 12)", () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it.each([
    ["an invalid date", "newest", encode(["newest", "not-a-date", "x"])],
    ["a date out of range", "oldest", encode(["oldest", "+275760-09-14T00:00:00.000Z", "x"])],
    ["NaN", "gpus", encode(["gpus", "NaN", "x"])],
    ["an object", "title", encode(["title", { gt: "" }, "x"])],
    ["an object as id", "newest", encode(["newest", new Date().toISOString(), { not: "" }])],
    ["another sort", "gpus", encode(["newest", new Date().toISOString(), "x"])],
    ["garbage base64", "newest", "@@@###"],
    ["JSON that is not a cursor", "newest", encode({ a: 1 })],
    ["bytes that are not UTF-8 JSON", "title", Buffer.from([0xff, 0xfe, 0x00]).toString("base64url")],
  ] as const)("a cursor holding %s is a 422, never a database error", async (_what, sort, cursor) => {
    const error = await listRequests({ user: secretariat, query: { sort, cursor } }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(422);
  });

  it("searches % and _ as themselves, not as wildcards", async () => {
    for (const title of ["달성률 100% 과제", "달성률 1000 과제", "a_b 시험 과제", "axb 시험 과제"]) await createRequest({ user: mnd, fields: { title } });
    const titles = async (q: string) => (await listRequests({ user: mnd, query: { q } })).items.map((i) => i.title);
    expect(await titles("0%")).toEqual(["달성률 100% 과제"]);
    expect(await titles("a_b")).toEqual(["a_b 시험 과제"]);
    expect(await titles("%")).toEqual(["달성률 100% 과제"]);
    expect(await titles("_")).toEqual(["a_b 시험 과제"]);
    expect(await titles("\\")).toEqual([]);
    // the ministry scope holds for the literal search as well
    expect((await listRequests({ user: mohw, query: { q: "%" } })).items).toEqual([]);
  });

  it("keeps the first unfiltered page until the next commit, per scope, state and sort (ADR 0029)", async () => {
    const first = await listRequests({ user: mohw, query: {} });
    expectKept(await listRequests({ user: mohw, query: {} }), first); // nothing committed between: kept
    const forMnd = await listRequests({ user: mnd, query: {} });
    expect(forMnd.items.every((i) => i.ministry.code === mnd.organization.code)).toBe(true); // another ministry's scope, its own key
    expect(first.items.every((i) => i.ministry.code === mohw.organization.code)).toBe(true);
    const screening = await listRequests({ user: secretariat, query: { state: "screening" } });
    const oldest = await listRequests({ user: secretariat, query: { sort: "oldest" } });

    const id = await fileAndSubmit(mohw, { title: "바 보관된 목록 과제" }); // a commit
    const after = await listRequests({ user: mohw, query: {} });
    expect(after.items[0]).toMatchObject({ id, state: "screening" });
    expect(after.total).toBe(first.total + 1);
    expect((await listRequests({ user: secretariat, query: { state: "screening" } })).items[0].id).toBe(id);
    expect((await listRequests({ user: secretariat, query: { state: "screening" } })).counts.screening).toBe((screening.counts.screening ?? 0) + 1);
    expect((await listRequests({ user: secretariat, query: { sort: "oldest" } })).items[0].id).toBe(oldest.items[0].id);
    expect((await listRequests({ user: mnd, query: {} })).items.map((i) => i.id)).not.toContain(id);
  });

  it("finds Korean sent decomposed (NFD) with a search typed composed (NFC), and the other way round", async () => {
    const nfd = "정밀의료 분석 과제".normalize("NFD");
    const created = await createRequest({ user: mnd, fields: draftIntakeSchema.parse({ title: nfd }) });
    expect((await db.demandRequest.findUniqueOrThrow({ where: { id: created.id } })).title).toBe("정밀의료 분석 과제");
    const found = await listRequests({ user: mnd, query: listQuerySchema.parse({ q: "정밀의료" }) });
    expect(found.items.map((i) => i.id)).toContain(created.id);
    const foundNfd = await listRequests({ user: mnd, query: listQuerySchema.parse({ q: "정밀의료".normalize("NFD") }) });
    expect(foundNfd.items.map((i) => i.id)).toContain(created.id);
  });
});
