import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, driveRequestToApproved, fileAndSubmit, nextMeeting, userByEmail } from "~/modules/seed/drive.server";
import { createRequest, updateRequest } from "~/modules/requests/requests.server";
import { db, dbEngine } from "~/utils/db.server";
import { searchEverything } from "./search.server";

type User = Awaited<ReturnType<typeof userByEmail>>;
let mohw: User, mnd: User, secretariat: User, approver: User;
let xrayId: string, conditionRequestId: string, meetingId: string;

beforeAll(async () => {
  await seedUsers();
  [mohw, mnd, secretariat, approver] = await Promise.all(["officer@mohw.go.kr", "officer@mnd.go.kr", SECRETARIAT_EMAIL, "chair@msit.go.kr"].map(userByEmail));
  xrayId = await fileAndSubmit(mohw, {
    title: "흉부 영상 판독 보조",
    problemStatement: "지방 병원에서 흉부엑스레이 판독 대기 시간이 길어 응급 환자의 치료가 늦어지고 있습니다. 50%_할인 같은 글자도 있습니다.",
  });
  await fileAndSubmit(mnd, { title: "군 물자 수요 예측", problemStatement: "부대별 물자 소요를 예측하지 못해 흉부엑스레이 장비 재고가 남거나 모자랍니다." });
  conditionRequestId = (
    await driveRequestToApproved({
      officerEmail: "officer@mohw.go.kr",
      agreedGpus: 16,
      approvedGpus: 16,
      outcome: "approveWithConditions",
      fields: { title: "감염병 확산 예측 모델" },
      conditions: [{ text: "개인정보 영향평가 결과를 제출할 것", dueOn: "2027-03-31" }],
    })
  ).requestId;
  meetingId = (await nextMeeting(secretariat)).id;
});

const found = async (user: User, q: string) => (await searchEverything({ user, q })).items.map((i) => `${i.kind}:${i.id}`);

describe("searchEverything", () => {
  it("finds a Korean substring of a problem statement for the secretariat and the request's ministry only", async () => {
    const forSecretariat = await searchEverything({ user: secretariat, q: "엑스레이 판독" });
    expect(forSecretariat.items.map((i) => i.id)).toContain(xrayId);
    expect(await found(mohw, "엑스레이 판독")).toEqual([`request:${xrayId}`]);
    expect(await found(mnd, "엑스레이 판독")).toEqual([]);
    expect(await found(approver, "엑스레이")).toHaveLength(2);
  });

  it("marks the matches in the title and in a snippet of the text", async () => {
    const [item] = (await searchEverything({ user: mohw, q: "영상 엑스레이" })).items;
    expect(item.url).toBe(`/requests/${xrayId}`);
    expect(item.highlights.title.map(([s, e]) => item.title.slice(s, e))).toEqual(["영상"]);
    expect(item.highlights.snippet.map(([s, e]) => item.snippet.slice(s, e))).toContain("엑스레이");
    expect(item.meta).toMatchObject({ ministry: { code: "MOHW" }, state: "screening" });
  });

  it("matches 1–2 character Korean terms and the reference number", async () => {
    expect(await found(mohw, "흉부")).toContain(`request:${xrayId}`);
    const { reference } = await db.demandRequest.findUniqueOrThrow({ where: { id: xrayId }, select: { reference: true } });
    expect(await found(secretariat, reference!)).toEqual([`request:${xrayId}`]);
    expect(await found(secretariat, "보건복지부 흉부")).toEqual([`request:${xrayId}`]);
  });

  it("treats LIKE wildcards and FTS operators as text", async () => {
    expect(await found(mohw, "%_")).toEqual([`request:${xrayId}`]);
    expect(await found(mohw, "%%")).toEqual([]);
    expect(await found(secretariat, '"NEAR( *OR* 감염병')).toEqual([]);
    expect((await searchEverything({ user: secretariat, q: "" })).items).toEqual([]);
  });

  it("finds conditions within the ministry's scope and meetings only for the secretariat's side", async () => {
    const condition = await db.condition.findFirstOrThrow({ where: { requestId: conditionRequestId } });
    expect(await found(mohw, "영향평가")).toEqual([`condition:${condition.id}`]);
    expect(await found(mnd, "영향평가")).toEqual([]);
    const meeting = (await searchEverything({ user: secretariat, q: "정부서울청사" })).items.find((i) => i.id === meetingId);
    expect(meeting?.url).toBe(`/meetings/${meetingId}`);
    expect(await found(mohw, "정부서울청사")).toEqual([]);
  });

  it("follows edits of a draft (the index triggers keep it in step)", async () => {
    const draft = await createRequest({ user: mohw, fields: { title: "초안 제목 하나" } });
    expect(await found(mohw, "초안 제목")).toContain(`request:${draft.id}`);
    await updateRequest({ user: mohw, requestId: draft.id, expectedVersion: 1, fields: { title: "바뀐 이름의 과제" } });
    expect(await found(mohw, "초안 제목")).not.toContain(`request:${draft.id}`);
    expect(await found(mohw, "바뀐 이름")).toContain(`request:${draft.id}`);
  });

  it("has every index trigger in the migrated database", async () => {
    const source = [
      "Condition_search_delete",
      "Condition_search_insert",
      "Condition_search_update",
      "DemandRequest_search_delete",
      "DemandRequest_search_insert",
      "DemandRequest_search_update",
      "Meeting_search_delete",
      "Meeting_search_insert",
      "Meeting_search_update",
      "Organization_search_update",
    ];
    if (dbEngine === "postgresql") {
      // PostgreSQL: no full-text table to keep, its trigram indexes follow the rows (ADR 0024)
      const triggers = await db.$queryRaw<
        { name: string }[]
      >`SELECT tgname::text AS name FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE '%search%' ORDER BY tgname COLLATE "C"`;
      expect(triggers.map((t) => t.name)).toEqual(source);
      return;
    }
    const triggers = await db.$queryRaw<
      { name: string }[]
    >`SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%search%' OR name LIKE '%fts%') ORDER BY name`;
    expect(triggers.map((t) => t.name)).toEqual([
      ...source,
      "SearchDocument_fts_delete",
      "SearchDocument_fts_insert",
      "SearchDocument_fts_update",
      "SearchDocument_title_fts_delete",
      "SearchDocument_title_fts_insert",
      "SearchDocument_title_fts_update",
    ]);
  });
});
