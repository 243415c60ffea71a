import { baseURL } from "./app-server";
import { expect, request as playwrightRequest, test } from "./fixtures";
import { execute, query, queryOne } from "./db";
import { apiAs } from "./helpers";
import { monthFromNow } from "./dates";

const COMPLETE = {
  title: "의료영상 판독 보조 AI 실증",
  domain: "HEALTH",
  sector: "NATIONAL_PROJECT",
  problemStatement: "지역 병원의 영상 판독 인력이 부족하여 판독 대기 시간이 길어지고 있습니다.",
  aiWork: "FINE_TUNING",
  gpusRequested: 64,
  desiredStartMonth: monthFromNow(3),
  durationMonths: 12,
  dataReadiness: "PARTIAL",
  npuCapable: true,
  expectedOutcomes: "판독 대기 시간 30% 단축",
  budgetKrw: 1_500_000_000,
  contactName: "최보건",
  contactEmail: "officer@mohw.go.kr",
};

test("officer creates and submits; secretariat accepts; concurrent events; isolation; audit chain", async () => {
  const officer = await apiAs("officer@mohw.go.kr");
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const outsider = await apiAs("officer@mnd.go.kr");

  // A draft may be partial; submitting it says what is missing and changes nothing.
  const draft = await officer.post("/api/v1/requests", { data: { title: "초안 요청입니다" } });
  expect(draft.status()).toBe(201);
  const draftBody = await draft.json();
  expect(draftBody).toMatchObject({ state: "draft", version: 1 });
  const incomplete = await officer.post(`/api/v1/requests/${draftBody.id}/events`, { data: { type: "SUBMIT", expectedVersion: 1 } });
  expect(incomplete.status()).toBe(422);
  expect((await (await officer.get(`/api/v1/requests/${draftBody.id}`)).json()).version).toBe(1);

  // Unknown fields and invalid values are 422 with field messages.
  const bad = await officer.post("/api/v1/requests", { data: { gpusRequested: 0, hacker: true } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.fields).toBeTruthy();

  const created = await (await officer.post("/api/v1/requests", { data: COMPLETE })).json();
  expect(created.allowedEvents).toContain("SUBMIT");
  const submitted = await officer.post(`/api/v1/requests/${created.id}/events`, { data: { type: "SUBMIT", expectedVersion: 1 } });
  expect(submitted.status()).toBe(200);
  expect(await submitted.json()).toMatchObject({ state: "screening", version: 2 });
  const afterSubmit = await (await officer.get(`/api/v1/requests/${created.id}`)).json();
  expect(afterSubmit.reference).toMatch(/^AX-\d{4}-\d{4}$/);

  // The secretariat sees it; the wrong role gets 403; an event not allowed in this state gets 422.
  const list = await (await secretariat.get("/api/v1/requests?state=screening")).json();
  expect(list.items.map((i: { id: string }) => i.id)).toContain(created.id);
  expect((await officer.post(`/api/v1/requests/${created.id}/events`, { data: { type: "ACCEPT", expectedVersion: 2 } })).status()).toBe(403);
  const notAllowed = await secretariat.post(`/api/v1/requests/${created.id}/events`, { data: { type: "START", expectedVersion: 2 } });
  expect(notAllowed.status()).toBe(422);
  expect((await notAllowed.json()).error.code).toBe("EVENT_NOT_ALLOWED");

  // 20 concurrent ACCEPTs with the same expectedVersion: exactly one 200 and nineteen 409s.
  const results = await Promise.all(
    Array.from({ length: 20 }, () => secretariat.post(`/api/v1/requests/${created.id}/events`, { data: { type: "ACCEPT", expectedVersion: 2 } })),
  );
  const statuses = results.map((r) => r.status()).sort();
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(19);
  const conflict = await results.find((r) => r.status() === 409)!.json();
  expect(conflict).toMatchObject({ error: { code: "VERSION_CONFLICT" }, current: { state: "jointPlanning", version: 3 } });

  // Another ministry's officer: 404 on read, patch, events and history.
  expect((await outsider.get(`/api/v1/requests/${created.id}`)).status()).toBe(404);
  expect((await outsider.patch(`/api/v1/requests/${created.id}`, { data: { expectedVersion: 3, title: "가로채기 시도" } })).status()).toBe(404);
  expect((await outsider.post(`/api/v1/requests/${created.id}/events`, { data: { type: "WITHDRAW", reason: "x", expectedVersion: 3 } })).status()).toBe(404);
  expect((await outsider.get(`/api/v1/requests/${created.id}/history`)).status()).toBe(404);
  const outsiderList = await (await outsider.get("/api/v1/requests")).json();
  expect(outsiderList.items.map((i: { id: string }) => i.id)).not.toContain(created.id);

  const history = await (await officer.get(`/api/v1/requests/${created.id}/history`)).json();
  expect(history.map((h: { type: string }) => h.type)).toEqual(["CREATE", "SUBMIT", "ACCEPT"]);

  const verify = await (await secretariat.get("/api/v1/audit/verify")).json();
  expect(verify.ok).toBe(true);
  expect((await officer.get("/api/v1/audit/verify")).status()).toBe(403);
});

test("editing an audit row directly makes verification fail and name that event", async () => {
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const row = (await queryOne<{ seq: number; payload: string }>('SELECT "seq", "payload" FROM "AuditEvent" ORDER BY "seq" LIMIT 1 OFFSET 1'))!;
  await execute('UPDATE "AuditEvent" SET "payload" = ? WHERE "seq" = ?', ['{"tampered":true}', row.seq]);
  try {
    const verify = await (await secretariat.get("/api/v1/audit/verify")).json();
    expect(verify).toMatchObject({ ok: false, brokenAt: row.seq });
  } finally {
    await execute('UPDATE "AuditEvent" SET "payload" = ? WHERE "seq" = ?', [row.payload, row.seq]);
  }
  expect((await (await secretariat.get("/api/v1/audit/verify")).json()).ok).toBe(true);
});

test("deleting the tail of the audit log makes verification fail (the anchor outside the database)", async () => {
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const before = await (await secretariat.get("/api/v1/audit/verify")).json(); // anchors the current head
  expect(before).toMatchObject({ ok: true, anchor: { seq: before.events } });
  const columns = ["seq", "requestId", "actorId", "type", "fromState", "toState", "payload", "at", "prevHash", "hash"];
  const tail = await query('SELECT * FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 3');
  await execute('DELETE FROM "AuditEvent" WHERE "seq" > ?', [before.events - 3]);
  try {
    const verify = await (await secretariat.get("/api/v1/audit/verify")).json();
    expect(verify).toMatchObject({ ok: false, reason: "TRUNCATED", brokenAt: before.events - 2 });
  } finally {
    const insert = `INSERT INTO "AuditEvent" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
    for (const row of tail.reverse())
      await execute(
        insert,
        columns.map((c) => row[c]),
      );
  }
  expect((await (await secretariat.get("/api/v1/audit/verify")).json()).ok).toBe(true);
});

test("a personal API token acts with its owner's rights and stops working when revoked", async () => {
  const officer = await apiAs("officer@mohw.go.kr");
  const created = await officer.post("/api/v1/tokens", { data: { name: "연계 시스템" } });
  expect(created.status()).toBe(201);
  const { id, token } = await created.json();
  expect(token).toMatch(/^axt_/);
  const anon = await playwrightRequest.newContext({ baseURL: baseURL() });
  expect((await anon.get("/api/v1/requests")).status()).toBe(401);
  const withToken = await anon.get("/api/v1/requests", { headers: { Authorization: `Bearer ${token}` } });
  expect(withToken.status()).toBe(200);
  const items = (await withToken.json()).items as { ministry: { code: string } }[];
  expect(items.length).toBeGreaterThan(0);
  expect(items.every((i) => i.ministry.code === "MOHW")).toBe(true);
  expect((await officer.delete("/api/v1/tokens", { data: { id } })).status()).toBe(204);
  expect((await anon.get("/api/v1/requests", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test("50 concurrent first submits get 50 distinct reference numbers", async () => {
  const officer = await apiAs("officer@mnd.go.kr");
  const ids: string[] = [];
  for (let i = 0; i < 50; i++) {
    const res = await officer.post("/api/v1/requests", { data: { ...COMPLETE, title: `동시 제출 시험 요청 ${i}`, contactEmail: "officer@mnd.go.kr" } });
    ids.push((await res.json()).id);
  }
  const results = await Promise.all(ids.map((id) => officer.post(`/api/v1/requests/${id}/events`, { data: { type: "SUBMIT", expectedVersion: 1 } })));
  expect(results.map((r) => r.status())).toEqual(Array(50).fill(200));
  const refs = await Promise.all(ids.map(async (id) => (await (await officer.get(`/api/v1/requests/${id}`)).json()).reference as string));
  expect(new Set(refs).size).toBe(50);
  for (const ref of refs) expect(ref).toMatch(/^AX-\d{4}-\d{4}$/);
});
