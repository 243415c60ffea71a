// People (issue 15): the admin creates, deactivates and resets; a deactivated user's open session is
// refused on the next click; a one-time password must be changed at the next sign-in.
import { baseURL } from "./app-server";
import { expect, request as playwrightRequest, test } from "./fixtures";
import { apiAs, expectNoSeriousA11yIssues, PASSWORD } from "./helpers";
import { pageAs } from "./meeting-helpers";

test("a deactivated user's open session is refused on the next click; a reset password must be changed first", async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const email = `people-${suffix}@mafra.go.kr`;
  const adminApi = await apiAs("admin@ax.go.kr");
  const created = await adminApi.post("/api/v1/users", { data: { email, name: "오농식", role: "MINISTRY_OFFICER", organizationCode: "MAFRA" } });
  expect(created.status(), await created.text()).toBe(201);
  const { id, oneTimePassword } = await created.json();

  // first sign-in with the one-time password: only the password change page opens
  const context = await browser.newContext({ baseURL: baseURL(), locale: "ko-KR" });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel(/이메일/).fill(email);
  await page.getByLabel(/비밀번호/).fill(oneTimePassword);
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.goto("/requests");
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.getByLabel("현재(일회용) 비밀번호").fill(oneTimePassword);
  await page.getByLabel("새 비밀번호 (10자 이상)").fill(PASSWORD + "-new");
  await page.getByRole("button", { name: "변경" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("header-user")).toContainText("오농식");
  await page.getByRole("link", { name: "우리 부처 요청" }).click();
  await expect(page).toHaveURL(/\/requests$/);

  // an API token of that user
  const own = await playwrightRequest.newContext({ baseURL: baseURL() });
  expect((await own.post("/api/v1/session", { data: { email, password: PASSWORD + "-new" } })).status()).toBe(200);
  const token = (await (await own.post("/api/v1/tokens", { data: { name: "batch" } })).json()).token as string;
  const bearer = await playwrightRequest.newContext({ baseURL: baseURL(), extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  expect((await bearer.get("/api/v1/requests")).status()).toBe(200);

  // the admin deactivates through the people page
  const admin = await pageAs(browser, "admin@ax.go.kr");
  await admin.getByRole("link", { name: "사용자 관리" }).click();
  await expectNoSeriousA11yIssues(admin);
  await admin.getByRole("button", { name: `비활성화 ${email}` }).click();
  await expect(admin.getByTestId("users-result")).toHaveText("변경했습니다.");
  await expect(admin.locator(`[data-email="${email}"]`)).toContainText("비활성");

  // the open session: the next click goes to the login page; the token is refused
  await page.getByRole("link", { name: "홈" }).first().click();
  await expect(page).toHaveURL(/\/login/);
  expect((await bearer.get("/api/v1/requests")).status()).toBe(401);
  expect((await own.get("/api/v1/requests")).status()).toBe(401);

  // the last chair cannot be deactivated; the audit log has every step
  const users = (await (await adminApi.get("/api/v1/users")).json()).items as { id: string; email: string }[];
  const chair = users.find((u) => u.email === "chair@msit.go.kr")!;
  const refused = await adminApi.patch(`/api/v1/users/${chair.id}`, { data: { active: false } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toBe("활성 위원장이 최소 한 명은 있어야 합니다.");
  const audit = await (await adminApi.get(`/api/v1/audit?actorId=${id}`)).json();
  expect(audit.items.map((e: { type: string }) => e.type)).toContain("PASSWORD_CHANGED");
  // other roles cannot manage people
  expect((await (await apiAs("secretariat@msit.go.kr")).get("/api/v1/users")).status()).toBe(403);
  await context.close();
});
