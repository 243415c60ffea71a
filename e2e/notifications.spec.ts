// Notifications and their e-mails (issue 15): the app sends through a real SMTP server on loopback
// (e2e/smtp-sink.ts, started by playwright.config.ts); e2e/mail.ts reads what it received.
import { expect, test } from "./fixtures";
import { apiAs, coSignedRequest, expectNoSeriousA11yIssues, newMeeting, sendOk, signIn, submittedRequest } from "./helpers";
import { query } from "./db";
import { mailsTo } from "./mail";
import { MEMBER, MOHW, pageAs, SECRETARIAT } from "./meeting-helpers";

async function emailStatuses(requestId: string, kind: string): Promise<string[]> {
  return (await query<{ emailStatus: string }>('SELECT "emailStatus" FROM "Notification" WHERE "requestId" = ? AND "kind" = ?', [requestId, kind])).map(
    (r) => r.emailStatus,
  );
}

test("the secretariat returns a request: the officer's bell shows 1, one Korean mail with the link reaches the officer", async ({ browser }) => {
  const marker = `알림반려${Date.now().toString(36)}`;
  const officerApi = await apiAs(MOHW);
  expect((await officerApi.post("/api/v1/notifications/read", { data: {} })).status()).toBe(200); // start from zero unread
  const id = await submittedRequest({ title: `${marker} 보건 요청` });

  const officer = await pageAs(browser, MOHW);
  await expect(officer.getByTestId("header-bell-count")).toHaveText("0");

  const secretariat = await pageAs(browser, SECRETARIAT);
  await secretariat.goto("/screening");
  await secretariat.getByRole("checkbox", { name: `${marker} 보건 요청 선택` }).check();
  await secretariat.getByRole("checkbox", { name: "GPU 규모 산정 근거를 보완해 주세요." }).check();
  await secretariat.getByRole("button", { name: "선택 항목 보완 요청" }).click();
  await expect(secretariat.getByTestId("bulk-result")).toContainText("처리 1건");

  // the next page the officer opens shows it
  await officer.goto("/requests");
  await expect(officer.getByTestId("header-bell-count")).toHaveText("1");
  await expect(officer.getByTestId("header-bell")).toHaveAttribute("aria-label", "알림 1건 안 읽음");
  await officer.getByTestId("header-bell").click();
  await expect(officer).toHaveURL(/\/notifications$/);
  const item = officer.getByTestId("notification").filter({ hasText: marker });
  await expect(item).toContainText("보완 요청으로 반려되었습니다");
  await expectNoSeriousA11yIssues(officer);
  await item.getByRole("link").click();
  await expect(officer).toHaveURL(new RegExp(`/requests/${id}$`));
  await officer.goto("/notifications");
  await officer.getByTestId("notification").filter({ hasText: marker }).getByRole("button", { name: "읽음 표시" }).click();
  await expect(officer.getByTestId("header-bell-count")).toHaveText("0");
  await officer.getByRole("link", { name: "이메일 알림 설정" }).click();
  await expect(officer.getByRole("checkbox", { name: "보완 요청(반려)" })).toBeChecked();
  await expectNoSeriousA11yIssues(officer);

  // exactly one mail to the officer, in Korean, with the absolute link to the request
  await expect.poll(() => mailsTo(MOHW, marker).length, { timeout: 15_000 }).toBe(1);
  const [mail] = mailsTo(MOHW, marker);
  expect(mail.subject).toContain("반려");
  expect(mail.text).toContain("최보건님,");
  expect(mail.text).toMatch(new RegExp(`http://localhost:\\d+/requests/${id}`));
  // the row is marked sent (so it is never picked again), and the sink still has exactly one
  await expect.poll(() => emailStatuses(id, "returned")).toEqual(["sent"]);
  expect(mailsTo(MOHW, marker)).toHaveLength(1);
  expect(mailsTo(SECRETARIAT, `${marker} 보건 요청이 보완`)).toHaveLength(0);
});

test("an approver's sign-off request arrives by mail; other users' notifications are 404", async () => {
  const marker = `알림결재${Date.now().toString(36)}`;
  const id = await coSignedRequest({ title: `${marker} 보건 요청`, gpus: 8 });
  const secretariat = await apiAs(SECRETARIAT);
  const meetingId = await newMeeting();
  expect((await secretariat.post(`/api/v1/meetings/${meetingId}/agenda`, { data: { requestId: id } })).status()).toBe(201);
  expect((await secretariat.post(`/api/v1/meetings/${meetingId}/lock`)).status()).toBe(200);
  await sendOk(secretariat, id, { type: "DECIDE", outcome: "approve", approvedGpus: 8, conditions: [] });

  await expect.poll(() => mailsTo(MEMBER, marker).length, { timeout: 15_000 }).toBe(1);
  const [mail] = mailsTo(MEMBER, marker);
  expect(mail.subject).toContain("결재를 요청합니다");
  expect(mail.text).toContain(`/requests/${id}`);

  // the API: the approver's own list has it; the officer cannot read or mark it
  const approver = await apiAs(MEMBER);
  const list = await (await approver.get("/api/v1/notifications?unread=true")).json();
  const mine = list.items.find((n: { requestId: string; kind: string }) => n.requestId === id && n.kind === "signoffRequested");
  expect(mine).toMatchObject({ title: expect.stringContaining(marker), readAt: null });
  expect(list.unread).toBeGreaterThanOrEqual(1);
  const officer = await apiAs(MOHW);
  expect((await officer.get(`/api/v1/notifications/${mine.id}`)).status()).toBe(404);
  expect((await officer.post("/api/v1/notifications/read", { data: { ids: [mine.id] } })).status()).toBe(404);
  expect((await approver.get(`/api/v1/notifications/${mine.id}`)).status()).toBe(200);
  expect((await approver.post("/api/v1/notifications/read", { data: { ids: [mine.id] } })).status()).toBe(200);
  expect((await (await approver.get(`/api/v1/notifications/${mine.id}`)).json()).readAt).not.toBeNull();
});

test("the notification list pages 20 at a time; next, previous and first are plain links (no JavaScript)", async ({ browser }) => {
  // each submission tells the secretariat: enough for more than one page
  for (let i = 0; i < 21; i += 1) await submittedRequest({ title: `알림 페이지 시험 ${i + 1}` });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, SECRETARIAT);
  await page.goto("/notifications");
  const ids = async () => page.getByTestId("notification").evaluateAll((items) => items.map((li) => li.getAttribute("data-id")));
  await expect(page.getByTestId("notification")).toHaveCount(20);
  await expect(page.getByTestId("notifications-prev")).toHaveCount(0);
  // a link followed without JavaScript is a new document: read the list once that document has loaded
  // (reading right after the click can catch the page in between, with no list yet)
  const follow = async (testId: string) => {
    const from = page.url();
    await page.getByTestId(testId).click();
    await page.waitForURL((url) => url.href !== from, { waitUntil: "load" });
  };
  const first = await ids();
  await follow("notifications-next");
  await expect(page).toHaveURL(/cursor=/);
  const second = await ids();
  expect(second.length).toBeGreaterThan(0);
  expect(second.filter((id) => first.includes(id))).toEqual([]);
  await follow("notifications-prev");
  expect(await ids()).toEqual(first);
  await expect(page.getByTestId("notifications-prev")).toHaveCount(0);
  // a crafted cursor is refused (not an error page of the server's)
  expect((await page.goto("/notifications?cursor=bm9wZQ"))?.status()).toBe(422);
  await context.close();
});
