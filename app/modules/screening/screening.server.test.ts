import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, send, userByEmail } from "~/modules/seed/drive.server";
import { now as clockNow } from "~/utils/clock";
import { db } from "~/utils/db.server";
import type { AppError } from "~/utils/errors";
import { bulkScreen, listScreeningQueue, overdueIfSubmittedBefore, SCREENING_PAGE_SIZE, screeningClock, screeningOverdueCount } from "./screening.server";

let officer: Awaited<ReturnType<typeof userByEmail>>;
let secretariat: typeof officer;
let chair: typeof officer;

beforeAll(async () => {
  await seedUsers();
  [officer, secretariat, chair] = await Promise.all(["officer@mohw.go.kr", SECRETARIAT_EMAIL, "chair@msit.go.kr"].map(userByEmail));
});

/** A file row on the request (the attachment service is built elsewhere; the queue only counts rows). */
async function attachFile(requestId: string, conditionId: string | null = null) {
  const key = `${requestId}-${Math.random().toString(36).slice(2)}`;
  await db.attachment.create({
    data: { requestId, conditionId, name: "계획서.pdf", mediaType: "application/pdf", size: 10, sha256: key, storageKey: key, uploadedById: officer.id },
  });
}

const versionOf = async (id: string) => (await db.demandRequest.findUniqueOrThrow({ where: { id } })).version;
const auditCount = (requestId: string) => db.auditEvent.count({ where: { requestId } });

describe("screeningClock", () => {
  it("counts business days from the day of submission in Korea and marks overdue past the limit", () => {
    // submitted Wed 2026-09-23 10:00 KST; Chuseok Thu-Sat; due 5 business days later = Fri 10-02
    const entered = new Date("2026-09-23T01:00:00Z");
    expect(screeningClock(entered, new Date("2026-09-28T03:00:00Z"), 5)).toEqual({
      submittedOn: "2026-09-23",
      dueOn: "2026-10-02",
      businessDaysWaiting: 1,
      overdue: false,
    });
    expect(screeningClock(entered, new Date("2026-10-02T14:00:00Z"), 5)).toMatchObject({ businessDaysWaiting: 5, overdue: false });
    // 2026-10-05 is the substitute holiday for 10·3: on 10-06 it is overdue with 6 business days
    expect(screeningClock(entered, new Date("2026-10-06T01:00:00Z"), 5)).toMatchObject({ businessDaysWaiting: 6, overdue: true });
  });
});

describe("listScreeningQueue", () => {
  it("lists submissions oldest first (a resubmission waits from its resubmission) with the checklist", async () => {
    const first = await fileAndSubmit(officer, { title: "첫 번째 제출 요청" });
    const second = await fileAndSubmit(officer, { title: "두 번째 제출 요청", gpusRequested: 5_000 });
    await attachFile(first);
    await attachFile(second, null);
    // the first one is returned and resubmitted: it now queues after the second
    await send(secretariat, first, { type: "RETURN", reasons: ["첨부 보완"] });
    await send(officer, first, { type: "RESUBMIT" });
    const { items, dueBusinessDays } = await listScreeningQueue({ user: secretariat });
    expect(dueBusinessDays).toBe(5);
    const ids = items.map((i) => i.id);
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
    const a = items.find((i) => i.id === first)!;
    const b = items.find((i) => i.id === second)!;
    expect(a.checklist.ok).toBe(true);
    expect(b.checklist.ok).toBe(false);
    expect(b.checklist.checks.find((c) => c.key === "gpuPlausible")?.detail?.key).toBe("screening.check.gpuOverCeiling.INDUSTRY");
    expect(a).toMatchObject({ businessDaysWaiting: 0, overdue: false, ministry: { code: officer.organization.code } });
  });

  it("counts only the request's own files, not evidence for conditions", async () => {
    const id = await fileAndSubmit(officer, { title: "첨부 없는 제출 요청" });
    const { items } = await listScreeningQueue({ user: secretariat });
    expect(items.find((i) => i.id === id)?.checklist.checks.find((c) => c.key === "attachment")?.ok).toBe(false);
  });

  it("pages the queue in SQL: the whole queue counted, one page of rows, oldest first", async () => {
    const ids = [await fileAndSubmit(officer, { title: "페이지 확인 1" }), await fileAndSubmit(officer, { title: "페이지 확인 2" })];
    const all = await listScreeningQueue({ user: secretariat });
    expect(all.total).toBeGreaterThanOrEqual(2);
    expect(all.items.length).toBe(Math.min(all.total, SCREENING_PAGE_SIZE));
    expect(all.pages).toBe(Math.max(1, Math.ceil(all.total / SCREENING_PAGE_SIZE)));
    const beyond = await listScreeningQueue({ user: secretariat, page: all.pages + 1 });
    expect(beyond.items).toEqual([]);
    if (all.total <= SCREENING_PAGE_SIZE) expect(all.items.slice(-2).map((i) => i.id)).toEqual(ids);
  });

  it("counts the overdue from the other end: the same number as counting old submissions", async () => {
    await fileAndSubmit(officer, { title: "기한 확인" });
    for (const days of [0, 7, 30]) {
      const now = new Date(Date.now() + days * 86_400_000);
      const direct = await db.demandRequest.count({ where: { state: "screening", submittedAt: { lt: overdueIfSubmittedBefore(now) } } });
      expect((await screeningOverdueCount(now)).overdue).toBe(direct);
    }
  });

  it("is read again after any commit and on another day, never kept stale", async () => {
    const id = await fileAndSubmit(officer, { title: "보관 확인" });
    const row = async (now?: Date) => (await listScreeningQueue({ user: secretariat, now })).items.find((i) => i.id === id)!;
    const attachment = (r: Awaited<ReturnType<typeof row>>) => r.checklist.checks.find((c) => c.key === "attachment")?.ok;
    const first = await row();
    expect(attachment(first)).toBe(false);
    expect(attachment(await row())).toBe(false);
    await attachFile(id); // a commit of its own, no workflow event
    const after = await row();
    expect(attachment(after)).toBe(true);
    const twoWeeksOn = await row(new Date(clockNow().getTime() + 14 * 86_400_000));
    expect(twoWeeksOn.businessDaysWaiting).toBeGreaterThan(after.businessDaysWaiting);
    expect(twoWeeksOn.overdue).toBe(true);
  });

  it("is the secretariat's: other roles get 403", async () => {
    for (const user of [officer, chair]) {
      await expect(listScreeningQueue({ user })).rejects.toMatchObject({ status: 403 });
    }
  });
});

describe("bulkScreen", () => {
  it("handles each request on its own: done, conflict (nothing written) and refused", async () => {
    const ok1 = await fileAndSubmit(officer, { title: "일괄 처리 요청 하나" });
    const ok2 = await fileAndSubmit(officer, { title: "일괄 처리 요청 둘" });
    const stale = await fileAndSubmit(officer, { title: "일괄 처리 오래된 버전" });
    const draft = await fileAndSubmit(officer, { title: "이미 접수된 요청" });
    await send(secretariat, draft, { type: "ACCEPT" }); // no longer in screening
    const staleVersion = await versionOf(stale);
    const staleAudit = await auditCount(stale);

    const out = await bulkScreen({
      user: secretariat,
      locale: "en",
      input: {
        action: "RETURN",
        reasons: ["GPU 산정 근거 보완"],
        items: [
          { requestId: ok1, expectedVersion: await versionOf(ok1) },
          { requestId: stale, expectedVersion: staleVersion - 1 },
          { requestId: ok2, expectedVersion: await versionOf(ok2) },
          { requestId: draft, expectedVersion: await versionOf(draft) },
          { requestId: "no-such-request", expectedVersion: 1 },
        ],
      },
    });
    expect(out).toMatchObject({ done: 2, conflicts: 1, refused: 2 });
    expect(out.results.map((r) => [r.requestId, r.status])).toEqual([
      [ok1, "done"],
      [stale, "conflict"],
      [ok2, "done"],
      [draft, "refused"],
      ["no-such-request", "refused"],
    ]);
    expect(out.results[0]).toMatchObject({ state: "revision" });
    expect(out.results[1]).toMatchObject({ state: "screening", version: staleVersion });
    expect(out.results[3].message).toMatch(/joint|plan|screen|not/i);
    // nothing written for the stale one
    expect(await db.demandRequest.findUniqueOrThrow({ where: { id: stale } })).toMatchObject({ state: "screening", version: staleVersion });
    expect(await auditCount(stale)).toBe(staleAudit);
    const history = await db.auditEvent.findMany({ where: { requestId: ok1, type: "RETURN" } });
    expect(JSON.parse(history[0].payload)).toMatchObject({ reasons: ["GPU 산정 근거 보완"] });
  });

  it("accepts with the note in the audit payload; other roles are refused", async () => {
    const id = await fileAndSubmit(officer, { title: "메모와 함께 접수" });
    const out = await bulkScreen({
      user: secretariat,
      locale: "ko",
      input: { action: "ACCEPT", note: "우선 검토", items: [{ requestId: id, expectedVersion: await versionOf(id) }] },
    });
    expect(out.results[0]).toMatchObject({ status: "done", state: "jointPlanning" });
    const accept = await db.auditEvent.findFirstOrThrow({ where: { requestId: id, type: "ACCEPT" } });
    expect(JSON.parse(accept.payload)).toMatchObject({ note: "우선 검토" });
    const error = await bulkScreen({ user: officer, locale: "ko", input: { action: "ACCEPT", items: [{ requestId: id, expectedVersion: 1 }] } }).catch(
      (e: AppError) => e,
    );
    expect((error as AppError).status).toBe(403);
  });
});
