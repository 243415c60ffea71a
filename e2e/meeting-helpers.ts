/**
 * Helpers of the meeting-path specs (issue 13): a signed-in page per role, the audit chain check, the
 * correction steps of the meeting page (a `<details>` per correction) and Korean date text as the pages
 * print it.
 */
import { baseURL } from "./app-server";
import { formatDate } from "../app/i18n/format";
import { setupAs, signIn } from "./helpers";
import { expect, type Browser, type Page } from "./fixtures";

export const SECRETARIAT = "secretariat@msit.go.kr";
export const CHAIR = "chair@msit.go.kr";
export const MEMBER = "approver@opm.go.kr";
export const MOHW = "officer@mohw.go.kr";

/** A page of its own context (own cookies), signed in as `email`. */
export async function pageAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseURL(), locale: "ko-KR" });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** The hash-chained audit log verifies (GET /api/v1/audit/verify as the secretariat). */
export async function expectAuditVerifies() {
  const res = await (await setupAs(SECRETARIAT)).get("/api/v1/audit/verify");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true });
}

/** Opens the correction whose summary starts with `summary` on the meeting page and returns its box. */
export async function openCorrection(page: Page, summary: string) {
  const box = page.locator("details", { has: page.locator("summary", { hasText: summary }) });
  await box.locator("summary").click();
  return box;
}

/** A `YYYY-MM-DD` day as the Korean pages print it (`2026. 12. 3.`). */
export const koDate = (day: string) => formatDate("ko", day);

/** The meeting's number (제N회), read through the API. */
export async function meetingNumber(meetingId: string): Promise<number> {
  return (await (await (await setupAs(SECRETARIAT)).get(`/api/v1/meetings/${meetingId}`)).json()).number;
}

/** Puts a request on a meeting's agenda and locks it, through the API (the specs' own steps use the pages). */
export async function scheduleAndLock(meetingId: string, requestIds: string[], lock = true) {
  const secretariat = await setupAs(SECRETARIAT);
  for (const requestId of requestIds) {
    const res = await secretariat.post(`/api/v1/meetings/${meetingId}/agenda`, { data: { requestId } });
    expect(res.status(), await res.text()).toBe(201);
  }
  if (lock) expect((await secretariat.post(`/api/v1/meetings/${meetingId}/lock`)).status()).toBe(200);
}
