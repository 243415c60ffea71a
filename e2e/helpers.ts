import AxeBuilder from "@axe-core/playwright";
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from "@playwright/test";

export const PASSWORD = "ax-demo-2026";

export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel(/이메일|Email/).fill(email);
  await page.getByLabel(/비밀번호|Password/).fill(PASSWORD);
  await page.getByRole("button", { name: /^(로그인|Sign in)$/ }).click();
  await expect(page.getByTestId("header-user")).toBeVisible();
}

/** An API client signed in as `email` (cookie session), for setting up and checking through the API. */
export async function apiAs(email: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
  expect((await ctx.post("/api/v1/session", { data: { email, password: PASSWORD } })).status()).toBe(200);
  return ctx;
}

/** Sends a workflow event with the request's current version. */
export async function sendEvent(ctx: APIRequestContext, id: string, body: Record<string, unknown>) {
  const current = await (await ctx.get(`/api/v1/requests/${id}`)).json();
  return ctx.post(`/api/v1/requests/${id}/events`, { data: { expectedVersion: current.version, ...body } });
}

/** axe finds no serious or critical violation on the page as it is now. */
export async function expectNoSeriousA11yIssues(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
}
