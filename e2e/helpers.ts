import { expect, type Page } from "@playwright/test";

export const PASSWORD = "ax-demo-2026";

export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel(/이메일|Email/).fill(email);
  await page.getByLabel(/비밀번호|Password/).fill(PASSWORD);
  await page.getByRole("button", { name: /^(로그인|Sign in)$/ }).click();
  await expect(page.getByTestId("header-user")).toBeVisible();
}
