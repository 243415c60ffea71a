import { expect, test } from "./fixtures";
import { PASSWORD, signIn } from "./helpers";

const ACCOUNTS = [
  { email: "admin@ax.go.kr", role: "ADMIN", label: "시스템 관리자" },
  { email: "secretariat@msit.go.kr", role: "SECRETARIAT", label: "사무국" },
  { email: "chair@msit.go.kr", role: "APPROVER", label: "승인권자" },
  { email: "approver@opm.go.kr", role: "APPROVER", label: "승인권자" },
  { email: "officer@mohw.go.kr", role: "MINISTRY_OFFICER", label: "부처 담당자" },
  { email: "officer@mnd.go.kr", role: "MINISTRY_OFFICER", label: "부처 담당자" },
  { email: "officer@mafra.go.kr", role: "MINISTRY_OFFICER", label: "부처 담당자" },
];

test("the login page is Korean by default", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("heading", { name: "로그인" })).toBeVisible();
});

for (const account of ACCOUNTS) {
  test(`${account.email} signs in through the page and sees its role`, async ({ page }) => {
    await signIn(page, account.email);
    await expect(page.getByTestId("home-role")).toHaveText(account.label);
    await expect(page.getByRole("navigation", { name: "주 메뉴" })).toBeVisible();
  });

  test(`${account.email} signs in through the API`, async ({ request }) => {
    const res = await request.post("/api/v1/session", { data: { email: account.email, password: PASSWORD } });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.user.role).toBe(account.role);
    expect(body.user.email).toBe(account.email);
  });
}

test("a wrong password is 401 and the 6th failure in a row is 429 with Retry-After", async ({ request }) => {
  const attempt = () => request.post("/api/v1/session", { data: { email: "officer@mafra.go.kr", password: "wrong-password" } });
  for (let i = 0; i < 5; i++) {
    const res = await attempt();
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHORIZED");
  }
  const limited = await attempt();
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  // Unknown email gets the same message as a wrong password.
  const unknown = await request.post("/api/v1/session", { data: { email: "nobody@ax.go.kr", password: "x" } });
  expect(unknown.status()).toBe(401);
  const wrong = await request.post("/api/v1/session", { data: { email: "officer@mnd.go.kr", password: "x" } });
  expect((await unknown.json()).error.message).toBe((await wrong.json()).error.message);
});

test("the language switch turns the page English and back", async ({ page }) => {
  await signIn(page, "officer@mohw.go.kr");
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("home-role")).toHaveText("Ministry officer");
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  await page.getByRole("button", { name: /한국어/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByTestId("home-role")).toHaveText("부처 담당자");
});

test("sign-out ends the server-side session: the old cookie no longer works", async ({ page, context }) => {
  await signIn(page, "secretariat@msit.go.kr");
  const cookie = (await context.cookies()).find((c) => c.name === "ax_session");
  expect(cookie).toBeTruthy();
  await page.getByRole("button", { name: "로그아웃" }).click();
  await expect(page.getByRole("heading", { name: "로그인" })).toBeVisible();
  // Replaying the old cookie is refused.
  await context.addCookies([cookie!]);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("an unknown page is a 404 page", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
});
