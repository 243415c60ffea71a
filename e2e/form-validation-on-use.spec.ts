/**
 * The forms' validation (zod and the schemas) reaches the browser only when someone starts on a form
 * (ADR 0043): a page that is only read never loads it; the first focus in a form does, and from then
 * on the browser checks the form without a round trip. Before it has loaded (or when it cannot load),
 * the server checks the form and answers beside the same field, and a row added to a list stays in
 * the browser.
 */
import type { Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures";
import { dayFromNow } from "./dates";
import { signedIn } from "./form-check";
import { coSignedRequest, newMeeting, setupAs, signIn } from "./helpers";

const VALIDATION = /\/assets\/form-schemas-[^/]+\.js$/;

/** Every request the page makes from now on (URL and method), to look at afterwards. */
function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on("request", (r) => seen.push(r));
  return seen;
}

async function draft(title: string): Promise<string> {
  const officer = await setupAs("officer@mohw.go.kr");
  const created = await officer.post("/api/v1/requests", { data: { title } });
  expect(created.status(), await created.text()).toBe(201);
  return (await created.json()).id;
}

test("a page that is read never loads the validation; the first focus in a form does, and then the browser checks it", async ({ page }) => {
  await signIn(page, "officer@mohw.go.kr");
  const id = await draft("검증 지연 적재 시험 요청");
  const seen = recordRequests(page);
  await page.goto(`/requests/${id}/withdraw`);
  const reason = page.getByLabel("사유 (필수)");
  await expect(reason).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(seen.filter((r) => VALIDATION.test(r.url()))).toEqual([]);

  await reason.focus();
  await page.locator("html[data-form-validation=loaded]").waitFor({ state: "attached" }); // the schemas are in and ready
  expect(seen.filter((r) => VALIDATION.test(r.url()))).toHaveLength(1);
  const posts = () => seen.filter((r) => r.method() === "POST").map((r) => r.url());
  const before = posts().length;
  await page.getByRole("button", { name: "철회 확인" }).click();
  await expect(reason).toHaveAccessibleDescription("사유를 입력하세요.");
  expect(posts().length).toBe(before); // checked in the browser: nothing was sent
  await reason.fill("부서 일정 변경");
  await expect(reason).toHaveAccessibleDescription(""); // checked again as one types
  expect(posts().length).toBe(before);
});

test("in English the browser, once the validation is in, says what the server said, beside the same field", async ({ browser }) => {
  const officer = await signedIn(browser, "officer@mohw.go.kr", "en");
  const id = await draft("Lazy validation in English");
  const seen = recordRequests(officer);
  const posts = () => seen.filter((r) => r.method() === "POST").length;
  await officer.route(VALIDATION, (route) => route.abort()); // first the server answers
  await officer.goto(`/requests/${id}/withdraw`);
  const reason = officer.getByLabel(/^Reason/);
  await officer.getByRole("button", { name: /Confirm/ }).click();
  await expect(reason).not.toHaveAccessibleDescription("");
  const serverSaid = await reason.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby")!.split(" ")[0])?.textContent ?? "");
  expect(serverSaid).toMatch(/^[A-Z][^.]*\./); // a sentence, not a key
  expect(posts()).toBe(1);

  await officer.unroute(VALIDATION);
  await officer.goto(`/requests/${id}/withdraw`);
  await reason.focus();
  await officer.locator("html[data-form-validation=loaded]").waitFor({ state: "attached" });
  await officer.getByRole("button", { name: /Confirm/ }).click();
  await expect(reason).toHaveAccessibleDescription(serverSaid);
  expect(posts()).toBe(1); // the browser said it
});

test("when the validation cannot load, the server checks the form and answers beside the field; the form still works", async ({ page }) => {
  await page.route(VALIDATION, (route) => route.abort());
  await signIn(page, "officer@mohw.go.kr");
  const id = await draft("검증 적재 실패 시험 요청");
  const seen = recordRequests(page);
  await page.goto(`/requests/${id}/withdraw`);
  const reason = page.getByLabel("사유 (필수)");
  await reason.focus();
  await page.getByRole("button", { name: "철회 확인" }).click();
  await expect(reason).toHaveAccessibleDescription("사유를 입력하세요.");
  expect(seen.some((r) => r.method() === "POST" && r.url().includes(`/requests/${id}/withdraw`))).toBe(true);
  await reason.fill("부처 내부 일정 변경으로 내년에 다시 신청합니다.");
  await page.getByRole("button", { name: "철회 확인" }).click();
  await expect(page.getByTestId("notice")).toHaveText("요청을 철회했습니다.");
  await expect(page.getByTestId("request-state")).toHaveText("철회");
});

test("before the validation has loaded, a condition row added to a decision stays in the browser and the decision is recorded", async ({ page }) => {
  await page.route(VALIDATION, (route) => route.abort());
  const id = await coSignedRequest({ title: "검증 없이 조건 행 추가 시험" });
  const meetingId = await newMeeting();
  const secretariat = await setupAs("secretariat@msit.go.kr");
  expect((await secretariat.post(`/api/v1/meetings/${meetingId}/agenda`, { data: { requestId: id } })).status()).toBe(201);
  expect((await secretariat.post(`/api/v1/meetings/${meetingId}/lock`)).status()).toBe(200);

  await signIn(page, "secretariat@msit.go.kr");
  await page.goto(`/meetings/${meetingId}`);
  const seen = recordRequests(page);
  const item = page.getByTestId("decision-item").filter({ hasText: "검증 없이 조건 행 추가 시험" });
  await item.getByLabel("조건부 승인").check();
  await item.getByLabel("승인 GPU").fill("64");
  await item.getByLabel("조건 1", { exact: true }).fill("개인정보 영향평가 결과 제출");
  await item.getByRole("button", { name: "+ 조건 추가" }).click();
  await expect(item.getByLabel("조건 2", { exact: true })).toBeVisible();
  await expect(item.getByLabel("조건 1", { exact: true })).toHaveValue("개인정보 영향평가 결과 제출");
  expect(seen.filter((r) => r.method() === "POST")).toEqual([]); // the row was added here, not by the server
  await item.getByLabel("이행 기한").first().fill(dayFromNow(120));
  await item.getByRole("button", { name: "심의 결과 기록" }).click();
  await expect(page.getByRole("status")).toHaveText("심의 결과를 기록했습니다.");
  await expect(page.getByTestId("decision-item").filter({ hasText: "검증 없이 조건 행 추가 시험" }).getByTestId("decision")).toContainText(
    "개인정보 영향평가 결과 제출",
  );
});
