/**
 * The sweep (issue 14): every page of every role, in Korean and English, on a phone (390×844) and a
 * laptop (1366×900): nothing scrolls sideways, no console error (the fixture fails on any), axe finds
 * no serious or critical issue. A full-page screenshot of each is attached to the test's report
 * (unless E2E_SCREENSHOTS=0, as in CI).
 * One sign-in per role (its own browser context); pages are loaded once per language and size.
 * axe runs on two of the four views of each page, which between them cover both languages and both
 * widths: Korean at 1366 px with every rule, English at 390 px with every rule but colour contrast
 * (the costliest, about half of axe's time; no colour in app.css or the markup depends on the viewport
 * or the language). The markup's structure (names, roles, labels, landmarks) is the same in both
 * languages (one component tree; the type checker holds the English catalogue's keys equal to the Korean), and
 * what differs between widths (the header's menu, stacked tables) is seen at both widths. The other
 * two views are checked for sideways scrolling and console errors only.
 * One test per role, language and size, spread over the workers; each worker makes its own records.
 */
import { baseURL } from "./app-server";
import { expect, test, type Page } from "./fixtures";
import { axeFor, decidedRequest, PASSWORD, setupAs, shot, submittedRequest } from "./helpers";
import { dayFromNow } from "./dates";
import { ALL_VIEWS, LOCALES, viewport, WIDTHS } from "./views";

const ROLES = [
  { email: "officer@mohw.go.kr", name: "officer" },
  { email: "secretariat@msit.go.kr", name: "secretariat" },
  { email: "chair@msit.go.kr", name: "chair" },
  { email: "approver@opm.go.kr", name: "approver" },
  { email: "admin@ax.go.kr", name: "admin" },
] as const;
const SIZES = WIDTHS.map(viewport);

let records: { requestId: string; meetingId: string; screeningId: string } | undefined;

/** The sweep's own records: a conditionally approved request with its meeting, and one waiting in screening. */
async function ensureRecords() {
  if (records) return records;
  const screeningId = await submittedRequest({ title: "스윕 검토 대기 요청 — 보건복지부 국가 AI 프로젝트" });
  const { id, meetingId } = await decidedRequest(
    { title: "스윕 조건부 승인 요청 — 농림축산식품부 협업 국가 AI 프로젝트", gpus: 96, agreed: 80 },
    { outcome: "approveWithConditions", approvedGpus: 64, conditions: [{ text: "개인정보 영향평가 결과 제출", dueOn: dayFromNow(30) }] },
  );
  // a second decision waiting for sign-off, so the approvers' inbox has an item
  await decidedRequestAwaitingSignoff();
  records = { requestId: id, meetingId, screeningId };
  return records;
}

async function decidedRequestAwaitingSignoff() {
  const { coSignedRequest, newMeeting, sendOk } = await import("./helpers");
  const id = await coSignedRequest({ title: "스윕 결재 대기 요청", gpus: 48 });
  const secretariat = await setupAs("secretariat@msit.go.kr");
  const meetingId = await newMeeting();
  expect((await secretariat.post(`/api/v1/meetings/${meetingId}/agenda`, { data: { requestId: id } })).status()).toBe(201);
  expect((await secretariat.post(`/api/v1/meetings/${meetingId}/lock`)).status()).toBe(200);
  await sendOk(secretariat, id, { type: "DECIDE", outcome: "approve", approvedGpus: 48 });
}

function pagesFor(role: (typeof ROLES)[number]["name"], r: NonNullable<typeof records>): string[] {
  const request = [`/requests/${r.requestId}`, `/requests/${r.requestId}/plan`, `/requests/${r.requestId}/decision`];
  const common = ["/", "/requests", "/search?q=AI", "/dashboard", "/no-such-page"];
  switch (role) {
    case "officer":
      return [...common, "/requests/new", ...request];
    case "secretariat":
      return [
        ...common,
        "/screening",
        `/requests/${r.screeningId}`,
        "/meetings",
        `/meetings/${r.meetingId}`,
        `/meetings/${r.meetingId}/print`,
        `/meetings/${r.meetingId}/minutes`,
        "/pool",
        "/pool/plan",
        ...request,
      ];
    case "chair":
    case "approver":
      return [...common, "/signoffs", "/meetings", `/meetings/${r.meetingId}`, ...request];
    case "admin":
      return [...common, "/admin/pool", "/pool", "/meetings"];
  }
}

type Axe = "all" | "no-contrast" | "none";

/** axe on two of the four views (see the top of this file); none with E2E_VIEWS=one, where the SQLite run has checked the markup. */
function axeRulesFor(locale: "ko" | "en", width: number): Axe {
  if (!ALL_VIEWS) return "none";
  if (locale === "ko" && width === 1366) return "all";
  return locale === "en" && width === 390 ? "no-contrast" : "none";
}

async function check(page: Page, address: string, label: string, axeRules: Axe) {
  const response = await page.goto(address);
  expect(response?.status(), `${label}: status`).toBeLessThan(500);
  await page.waitForLoadState("load");
  const widths = await page.evaluate(() => {
    const inner = window.innerWidth;
    // what sticks out, named so a failure says where to look
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > inner + 1 && !el.closest("[tabindex], .overflow-x-auto, figure"))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join(".")}`);
    return { scroll: document.documentElement.scrollWidth, inner, wide };
  });
  // kept as a file in the test's output folder (test-results/) and attached to the report
  const path = test.info().outputPath(`${label}.jpeg`);
  if (await shot(page, { path: path, fullPage: true, type: "jpeg", quality: 70 }))
    await test.info().attach(`${label}.jpeg`, { path, contentType: "image/jpeg" });
  expect.soft(widths.scroll, `${label}: page wider than the screen (${widths.wide.join(", ")})`).toBeLessThanOrEqual(widths.inner);
  if (axeRules === "none") return;
  const axe = await (axeRules === "all" ? axeFor(page) : axeFor(page).disableRules(["color-contrast"])).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect
    .soft(
      serious.map(
        (v) =>
          `${v.id}: ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(" "))
            .join(" | ")}`,
      ),
      `${label}: axe`,
    )
    .toEqual([]);
}

test.describe.configure({ mode: "parallel" });

for (const role of ROLES) {
  for (const locale of LOCALES) {
    for (const size of SIZES) {
      test(`sweep: ${role.name} in ${locale} at ${size.width} px`, async ({ browser }) => {
        test.setTimeout(240_000);
        const r = await ensureRecords();
        const context = await browser.newContext({ baseURL: baseURL(), viewport: size });
        expect((await context.request.post("/api/v1/session", { data: { email: role.email, password: PASSWORD } })).status()).toBe(200);
        if (locale === "en") await context.request.post("/lang", { form: { lang: "en", redirectTo: "/" } });
        const page = await context.newPage();
        const axeRules = axeRulesFor(locale, size.width);
        for (const path of pagesFor(role.name, r)) {
          await test.step(`${path} @${size.width}`, () =>
            check(page, path, `${role.name}-${locale}-${size.width}${path.replace(/[^a-z0-9]+/gi, "_")}`, axeRules));
        }
        await context.close();
      });
    }
  }
}
