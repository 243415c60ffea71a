import { baseURL } from "./app-server";
import AxeBuilder from "@axe-core/playwright";
import { expect, request as playwrightRequest, type APIRequestContext, type Locator, type Page } from "./fixtures";

import { dayFromNow, monthFromNow } from "./dates";

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
  const ctx = await playwrightRequest.newContext({ baseURL: baseURL() });
  expect((await ctx.post("/api/v1/session", { data: { email, password: PASSWORD } })).status()).toBe(200);
  return ctx;
}

/**
 * The setup steps' own API client per user (and worker): signed in once, then reused by every helper
 * below, so a spec's setup does not pay a password hash per step. Never handed to a spec: a spec that
 * tests sessions (signs out, is refused) gets a fresh one from `apiAs`.
 */
const setupClients = new Map<string, Promise<APIRequestContext>>();
export function setupAs(email: string): Promise<APIRequestContext> {
  const key = `${baseURL()} ${email}`;
  let client = setupClients.get(key);
  if (!client) {
    client = apiAs(email);
    setupClients.set(key, client);
    client.catch(() => setupClients.delete(key));
  }
  return client;
}

/**
 * A screenshot kept in the test's output for a person to look at (nothing asserts on it). `.ci/run`
 * sets E2E_SCREENSHOTS=0: nobody looks at a clean clone's files, and they cost a fifth of the sweep.
 */
export async function shot(target: Page | Locator, options: NonNullable<Parameters<Page["screenshot"]>[0]>): Promise<boolean> {
  if (process.env.E2E_SCREENSHOTS === "0") return false;
  await target.screenshot(options);
  return true;
}

/** Sends a workflow event with the request's current version. */
export async function sendEvent(ctx: APIRequestContext, id: string, body: Record<string, unknown>) {
  const current = await (await ctx.get(`/api/v1/requests/${id}`)).json();
  return ctx.post(`/api/v1/requests/${id}/events`, { data: { expectedVersion: current.version, ...body } });
}

/**
 * axe on the page as it is now, in one pass inside the page (`axe.run`). The default (`runPartial` in
 * each frame, then `finishRun` in a new blank page with axe injected a second time) gives the same
 * results on pages without cross-origin frames, which the app has none of, at about twice the cost.
 */
// `resultTypes`: only the violations are read, so axe lists one node for each passed rule, not every one
export const axeFor = (page: Page) => new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ["violations"] });

/** axe finds no serious or critical violation on the page as it is now. */
export async function expectNoSeriousA11yIssues(page: Page) {
  const result = await axeFor(page).analyze();
  expect(result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
}

/** Sends an event that must succeed (the response text is shown when it does not). */
export async function sendOk(ctx: APIRequestContext, id: string, body: Record<string, unknown>) {
  const res = await sendEvent(ctx, id, body);
  expect(res.status(), `${body.type}: ${await res.text()}`).toBe(200);
}

export interface FileOptions {
  title: string;
  gpus?: number;
  agreed?: number;
  problem?: string;
  sector?: string;
}

/** A health-ministry request, filed and submitted through the API; returns its id. */
export async function submittedRequest({ title, gpus = 64, problem, sector = "NATIONAL_PROJECT" }: FileOptions): Promise<string> {
  const officer = await setupAs("officer@mohw.go.kr");
  const created = await officer.post("/api/v1/requests", {
    data: {
      title,
      domain: "HEALTH",
      sector,
      aiWork: "FINE_TUNING",
      gpusRequested: gpus,
      problemStatement: problem ?? "보건 현장의 반복 업무가 많아 담당 인력이 본연의 업무에 집중하지 못하고 있습니다.",
      desiredStartMonth: monthFromNow(5),
      durationMonths: 12,
      dataReadiness: "READY",
      npuCapable: false,
      expectedOutcomes: "처리 시간 50% 단축",
      budgetKrw: 900_000_000,
      contactName: "최보건",
      contactEmail: "officer@mohw.go.kr",
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();
  await sendOk(officer, id, { type: "SUBMIT" });
  return id;
}

/** A health-ministry request in joint planning with a plan both sides signed (API.md "Joint plan"). */
export async function coSignedRequest(options: FileOptions): Promise<string> {
  const id = await submittedRequest(options);
  const officer = await setupAs("officer@mohw.go.kr");
  const secretariat = await setupAs("secretariat@msit.go.kr");
  await sendOk(secretariat, id, { type: "ACCEPT" });
  const plan = await officer.put(`/api/v1/requests/${id}/plan`, {
    data: {
      expectedRevision: 0,
      techDevelopmentPlan: "보건 데이터로 모델을 미세조정합니다.",
      demonstrationPlan: "3개 기관에서 실증합니다.",
      milestones: [{ title: "실증 착수", dueOn: dayFromNow(210) }],
      kpis: "처리 시간 50% 단축",
      agreedGpus: options.agreed ?? options.gpus ?? 64,
      ministryContact: "최보건",
      msitContact: "김사무",
    },
  });
  expect(plan.status(), await plan.text()).toBe(200);
  expect((await officer.post(`/api/v1/requests/${id}/plan/sign`, { data: { expectedRevision: 1 } })).status()).toBe(200);
  expect((await secretariat.post(`/api/v1/requests/${id}/plan/sign`, { data: { expectedRevision: 1 } })).status()).toBe(200);
  return id;
}

/** A new meeting numbered after every existing one, dated `date` (default today); returns its id. */
export async function newMeeting(date = dayFromNow(0)): Promise<string> {
  const secretariat = await setupAs("secretariat@msit.go.kr");
  const list = (await (await secretariat.get("/api/v1/meetings")).json()) as { number: number }[];
  const number = Math.max(0, ...list.map((m) => m.number)) + 1;
  const res = await secretariat.post("/api/v1/meetings", { data: { number, date, title: "과학기술관계장관회의", place: "정부서울청사" } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id;
}

/**
 * A co-signed request put on a meeting of its own dated today, locked, decided with `decision` and
 * signed off by the chair and the member: approved, conditionally approved or rejected.
 */
export async function decidedRequest(options: FileOptions, decision: Record<string, unknown>): Promise<{ id: string; meetingId: string }> {
  const id = await coSignedRequest(options);
  const secretariat = await setupAs("secretariat@msit.go.kr");
  const meetingId = await newMeeting();
  expect((await secretariat.post(`/api/v1/meetings/${meetingId}/agenda`, { data: { requestId: id } })).status()).toBe(201);
  expect((await secretariat.post(`/api/v1/meetings/${meetingId}/lock`)).status()).toBe(200);
  await sendOk(secretariat, id, { type: "DECIDE", ...decision });
  await sendOk(await setupAs("chair@msit.go.kr"), id, { type: "SIGN" });
  await sendOk(await setupAs("approver@opm.go.kr"), id, { type: "SIGN" });
  return { id, meetingId };
}
