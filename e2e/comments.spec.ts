// The discussion thread of a request (issue 15): the officer asks on the request page, the
// secretariat is notified and answers through the API; another ministry gets a 404.
import { expect, test } from "./fixtures";
import { apiAs, expectNoSeriousA11yIssues, submittedRequest } from "./helpers";
import { MOHW, pageAs, SECRETARIAT } from "./meeting-helpers";

test("the officer comments on the request page → the secretariat is notified; the thread keeps the request's scope", async ({ browser }) => {
  const marker = `의견${Date.now().toString(36)}`;
  const id = await submittedRequest({ title: `${marker} 보건 요청` });
  const secretariatApi = await apiAs(SECRETARIAT);
  expect((await secretariatApi.post("/api/v1/notifications/read", { data: {} })).status()).toBe(200);

  const officer = await pageAs(browser, MOHW);
  await officer.goto(`/requests/${id}`);
  const panel = officer.getByRole("region", { name: "의견 교환" });
  await expect(panel).toContainText("아직 의견이 없습니다.");
  await panel.getByLabel("의견").fill("GPU 수량 산정 근거를 어느 수준까지 제출하면 될까요?");
  await panel.getByRole("button", { name: "의견 등록" }).click();
  await expect(panel.getByTestId("comments")).toContainText("GPU 수량 산정 근거를 어느 수준까지 제출하면 될까요?");
  await expect(panel.getByTestId("comments")).toContainText("최보건");
  await expectNoSeriousA11yIssues(officer);

  // the secretariat's bell and list
  const secretariat = await pageAs(browser, SECRETARIAT);
  await expect(secretariat.getByTestId("header-bell-count")).toHaveText("1");
  await secretariat.goto("/notifications");
  await expect(secretariat.getByTestId("notification").filter({ hasText: `${marker} 보건 요청 요청에 새 의견이 등록되었습니다` })).toHaveCount(1);

  // the secretariat answers through the API; the officer is notified in turn
  const answer = await secretariatApi.post(`/api/v1/requests/${id}/comments`, { data: { body: "산정표 한 장이면 충분합니다." } });
  expect(answer.status(), await answer.text()).toBe(201);
  const thread = await (await (await apiAs(MOHW)).get(`/api/v1/requests/${id}/comments`)).json();
  expect(thread.items.map((c: { body: string }) => c.body)).toEqual(["GPU 수량 산정 근거를 어느 수준까지 제출하면 될까요?", "산정표 한 장이면 충분합니다."]);
  const officerList = await (await (await apiAs(MOHW)).get("/api/v1/notifications?unread=true")).json();
  expect(officerList.items.some((n: { requestId: string; kind: string }) => n.requestId === id && n.kind === "comment")).toBe(true);

  // another ministry: 404 to read and to write, nothing written; an empty comment is a 422
  const mnd = await apiAs("officer@mnd.go.kr");
  expect((await mnd.get(`/api/v1/requests/${id}/comments`)).status()).toBe(404);
  expect((await mnd.post(`/api/v1/requests/${id}/comments`, { data: { body: "엿보기" } })).status()).toBe(404);
  expect((await secretariatApi.post(`/api/v1/requests/${id}/comments`, { data: { body: "   " } })).status()).toBe(422);
  // the admin sees the thread but does not write in it
  expect((await (await apiAs("admin@ax.go.kr")).post(`/api/v1/requests/${id}/comments`, { data: { body: "관리자" } })).status()).toBe(403);
  const history = await (await secretariatApi.get(`/api/v1/requests/${id}/history`)).json();
  expect(history.filter((h: { type: string }) => h.type === "COMMENT")).toHaveLength(2);
});
