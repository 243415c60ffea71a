// The audit log on screen (issue 15): filters, newest first, keyset pages, the verification with the
// chain head, and the filtered events as CSV; only the secretariat and the admin.
import { expect, test } from "./fixtures";
import { apiAs, expectNoSeriousA11yIssues, sendOk, submittedRequest } from "./helpers";
import { MOHW, pageAs, SECRETARIAT } from "./meeting-helpers";

test("the secretariat filters the audit log by request and type, pages through it, verifies the chain and exports CSV", async ({ browser }) => {
  const marker = `감사${Date.now().toString(36)}`;
  const id = await submittedRequest({ title: `${marker} 보건 요청` });
  const secretariatApi = await apiAs(SECRETARIAT);
  await sendOk(secretariatApi, id, { type: "RETURN", reasons: ["근거 보완"] });
  const { reference } = await (await secretariatApi.get(`/api/v1/requests/${id}`)).json();

  const page = await pageAs(browser, SECRETARIAT);
  await page.getByRole("link", { name: "감사 로그" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await page.getByLabel("요청 (ID 또는 접수번호)").fill(reference);
  await page.getByRole("button", { name: "조회" }).click();
  const rows = page.getByTestId("audit-row");
  // newest first: RETURN, SUBMIT, CREATE
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("RETURN");
  await expect(rows.nth(1)).toContainText("SUBMIT");
  await expect(rows.nth(2)).toContainText("CREATE");
  await page.getByLabel("이벤트 종류").selectOption("SUBMIT");
  await page.getByRole("button", { name: "조회" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("최보건 (officer@mohw.go.kr)");
  await expectNoSeriousA11yIssues(page);

  // CSV of the filtered events
  const csv = await page.request.get(`/audit/export.csv?requestId=${encodeURIComponent(reference)}`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text.split("\r\n").filter(Boolean)).toHaveLength(4); // header + 3 events
  expect(text).toContain("RETURN");

  // keyset pages through the API: no overlap, newest first
  const first = await (await secretariatApi.get("/api/v1/audit?limit=5")).json();
  const second = await (await secretariatApi.get(`/api/v1/audit?limit=5&cursor=${first.nextCursor}`)).json();
  const seqs = [...first.items, ...second.items].map((e: { seq: number }) => e.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  expect(new Set(seqs).size).toBe(10);

  // the verification with the chain head
  await page.getByRole("link", { name: "지금 검증" }).click();
  await expect(page.getByTestId("audit-verify")).toContainText(/검증 성공: 이벤트 [\d,]+건, 체인 헤드 [0-9a-f]{64}/);

  // a ministry officer: 403
  const officer = await apiAs(MOHW);
  expect((await officer.get("/api/v1/audit")).status()).toBe(403);
  expect((await officer.get("/audit/export.csv")).status()).toBe(403);
});
