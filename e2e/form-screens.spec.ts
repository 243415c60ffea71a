/**
 * The forms moved to Conform and the shared Field/ErrorList (issue 14), each sent empty so their
 * messages show, in Korean and English at 390 and 1366 px: no sideways scrolling, screenshots kept
 * as test artifacts (test-results/forms-*.png) for a person to look at.
 */
import { baseURL } from "./app-server";
import { dayFromNow } from "./dates";
import { expect, test, type Page } from "./fixtures";
import { expectFocusOnFirstError, expectNoOverflow, expectOnlyCatalogueMessages, send, signedIn, type Values } from "./form-check";
import { apiAs, coSignedRequest, decidedRequest, newMeeting, sendOk, signIn, submittedRequest, shot } from "./helpers";
import { pageAs, scheduleAndLock } from "./meeting-helpers";
import { LOCALES, viewport, WIDTHS } from "./views";

const FORMS = [
  { who: "secretariat@msit.go.kr", path: "/meetings", form: 'form:has(input[name="place"])', name: "meeting-new" },
  { who: "admin@ax.go.kr", path: "/admin/pool", form: 'form:has(input[name="intent"][value="createTranche"])', name: "tranche-new" },
  { who: "admin@ax.go.kr", path: "/admin/users", form: 'form:has(input[name="intent"][value="create"])', name: "user-new" },
  { who: "officer@mohw.go.kr", path: "/account/password", form: 'form:has(input[name="next"])', name: "password" },
] as const;

for (const f of FORMS) {
  test(`the ${f.name} form says what is missing beside each field (${LOCALES.join("/")}, ${WIDTHS.join("/")})`, async ({ browser }) => {
    const page = await pageAs(browser, f.who);
    for (const locale of LOCALES) {
      if (locale === "en") await page.request.post("/lang", { form: { lang: "en", redirectTo: "/" } });
      for (const width of WIDTHS) {
        await page.setViewportSize(viewport(width));
        await page.goto(f.path); // returns once the page is hydrated (e2e/fixtures.ts)
        const form = page.locator(f.form).first();
        // empty every typed field, then send
        await form.evaluate((el) => {
          for (const input of el.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input:not([type=hidden]):not([type=checkbox]), textarea")) {
            Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), "value")?.set?.call(input, "");
            input.dispatchEvent(new Event("input", { bubbles: true }));
          }
        });
        await form.locator('button[type="submit"]:visible').first().click();
        await expect(form.locator(".field-error").first()).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${f.name} ${locale} ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
        await form.scrollIntoViewIfNeeded();
        await shot(page, { path: `test-results/forms-${f.name}-${locale}-${width}.png` });
      }
    }
  });
}

/*
 * The forms moved to Conform last (issue 14, ADR 0023): the request page's event forms, bulk screening,
 * the joint plan, decisions with condition rows, condition evidence. Each is sent empty, out of range
 * and in a wrong format, in Korean and English: only catalogue sentences, beside the field, and with
 * JavaScript the focus on the first refused field. The first refusal of each is looked at at 390 and
 * 1366 px (no sideways scrolling; screenshots test-results/forms-*.png).
 */
const LONG = (n: number) => "가".repeat(n);
const lines = (n: number) => Array.from({ length: n }, (_, i) => `사유 ${i + 1}`).join("\n");
const eventForm = (type: string) => `form#event-${type}`;

/** Sends each case, expects catalogue messages only and the focus on the first refused field; the first case is looked at at both sizes. */
async function refusals(
  page: Page,
  {
    url,
    form,
    cases,
    name,
    locale,
    prepare,
    button,
  }: {
    url: string;
    form: string;
    cases: Values[];
    name: string;
    locale: string;
    prepare?: (page: Page) => Promise<void>;
    button?: RegExp;
  },
) {
  for (const [i, values] of cases.entries()) {
    await page.setViewportSize(viewport(1366));
    await page.goto(url); // hydrated before `prepare` clicks: a radio clicked while the page hydrates can lose its tick
    await prepare?.(page);
    await send(page, form, values, button);
    await expectOnlyCatalogueMessages(page, `${name} ${JSON.stringify(values).slice(0, 60)}`);
    await expect(page.locator(`${form} .field-error`).first(), `${name}: beside a field`).toBeVisible();
    await expectFocusOnFirstError(page, form, name);
    if (i > 0) continue;
    for (const width of WIDTHS) {
      await page.setViewportSize(viewport(width));
      await expectNoOverflow(page, `${name} ${locale} ${width}px`);
      await page.locator(form).first().scrollIntoViewIfNeeded();
      await shot(page, { path: `test-results/forms-${name}-${locale}-${width}.png` });
    }
  }
}

for (const locale of LOCALES) {
  test(`the request page's event forms and the joint plan answer beside the field (${locale})`, async ({ browser }) => {
    test.setTimeout(300_000);
    const secretariat = await signedIn(browser, "secretariat@msit.go.kr", locale);
    const waiting = await submittedRequest({ title: `이벤트 양식 점검 ${locale}` });
    await refusals(secretariat, {
      url: `/requests/${waiting}`,
      form: eventForm("RETURN"),
      name: "event-return",
      locale,
      cases: [{ reasons: "" }, { reasons: LONG(2001) }, { reasons: lines(21) }],
    });
    await refusals(secretariat, { url: `/requests/${waiting}`, form: eventForm("ACCEPT"), name: "event-accept", locale, cases: [{ note: LONG(2001) }] });

    // the joint plan: a milestone without its date, out of range, wrong formats
    await sendOk(await apiAs("secretariat@msit.go.kr"), waiting, { type: "ACCEPT" });
    const officer = await signedIn(browser, "officer@mohw.go.kr", locale);
    await refusals(officer, {
      url: `/requests/${waiting}/plan`,
      form: "form#plan",
      name: "plan",
      locale,
      cases: [
        { "milestones[0].title": "실증 착수" },
        { agreedGpus: "0", techDevelopmentPlan: LONG(10_001), "milestones[1].title": LONG(201), "milestones[1].dueOn": "2027-03-31" },
        { agreedGpus: "여든", "milestones[0].dueOn": "31/03/2027", ministryContact: LONG(201) },
      ],
    });

    // on an unlocked agenda: taken off with a reason; the reason empty or too long is refused
    const scheduled = await coSignedRequest({ title: `안건 내리기 양식 ${locale}`, gpus: 16 });
    const meetingId = await newMeeting(dayFromNow(10));
    await scheduleAndLock(meetingId, [scheduled], false);
    await refusals(secretariat, {
      url: `/requests/${scheduled}`,
      form: eventForm("UNSCHEDULE"),
      name: "event-unschedule",
      locale,
      cases: [{ reason: "" }, { reason: LONG(2001) }],
    });

    // awaiting sign-off: an approver signs (comment too long) or refuses (no reason) on the request page
    const decided = await coSignedRequest({ title: `결재 양식 점검 ${locale}`, gpus: 16 });
    const decideMeeting = await newMeeting();
    await scheduleAndLock(decideMeeting, [decided]);
    await sendOk(await apiAs("secretariat@msit.go.kr"), decided, { type: "DECIDE", outcome: "approve", approvedGpus: 16 });
    const approver = await signedIn(browser, "approver@opm.go.kr", locale);
    await refusals(approver, { url: `/requests/${decided}`, form: eventForm("SIGN"), name: "event-sign", locale, cases: [{ comment: LONG(2001) }] });
    await refusals(approver, {
      url: `/requests/${decided}`,
      form: eventForm("REFUSE_SIGNOFF"),
      name: "event-refuse",
      locale,
      cases: [{ reason: "" }, { reason: LONG(2001) }],
    });

    // a decision in force: reconsideration needs a meeting and a reason
    await sendOk(await apiAs("chair@msit.go.kr"), decided, { type: "SIGN" });
    await sendOk(await apiAs("approver@opm.go.kr"), decided, { type: "SIGN" });
    await newMeeting(dayFromNow(30));
    await refusals(secretariat, {
      url: `/requests/${decided}`,
      form: eventForm("RECONSIDER"),
      name: "event-reconsider",
      locale,
      cases: [{ meetingId: "", reason: "" }, { reason: LONG(2001) }],
    });
  });

  test(`screening, decisions and condition evidence answer beside the field (${locale})`, async ({ browser }) => {
    test.setTimeout(300_000);
    const secretariat = await signedIn(browser, "secretariat@msit.go.kr", locale);
    await submittedRequest({ title: `일괄 검토 양식 점검 ${locale}` });
    const tick = async (page: Page) => {
      await page.locator('input[name="select"]').first().check();
    };
    // nothing ticked; a return without a reason; another reason too long
    await refusals(secretariat, { url: "/screening", form: "form#screening", name: "screening-none", locale, cases: [{}] });
    await refusals(secretariat, {
      url: "/screening",
      form: "form#screening",
      name: "screening-return",
      locale,
      prepare: tick,
      button: /보완 요청$|Return selected/,
      cases: [{}, { otherReasons: LONG(2001) }, { otherReasons: lines(21) }],
    });

    // a decision on a locked agenda: nothing chosen, out of range, wrong formats, conditions on a plain approval
    const id = await coSignedRequest({ title: `심의 양식 점검 ${locale}`, gpus: 32 });
    const meetingId = await newMeeting();
    await scheduleAndLock(meetingId, [id]);
    const decide = `form#decide-${id}`;
    const conditional = async (page: Page) => {
      await page.locator(`${decide} input[name="outcome"][value="approveWithConditions"]`).check();
    };
    await refusals(secretariat, { url: `/meetings/${meetingId}`, form: decide, name: "decision-empty", locale, cases: [{ approvedGpus: "" }] });
    await refusals(secretariat, {
      url: `/meetings/${meetingId}`,
      form: decide,
      name: "decision-conditions",
      locale,
      prepare: conditional,
      cases: [
        { approvedGpus: "-1", "conditions[0].text": LONG(1001), "conditions[0].dueOn": "2027-02-31", note: LONG(2001) },
        { approvedGpus: "열 장", "conditions[0].text": "보안 점검", "conditions[0].dueOn": "2027/3/31" },
        { approvedGpus: "10", "conditions[0].text": "보안 점검" },
      ],
    });

    // conditions: no file chosen, an evidence note too long, evidence sent back without a reason
    const { id: withConditions } = await decidedRequest(
      { title: `조건 양식 점검 ${locale}`, gpus: 16 },
      {
        outcome: "approveWithConditions",
        approvedGpus: 16,
        conditions: [{ text: "보안 점검 결과 제출", dueOn: dayFromNow(30) }],
      },
    );
    const officer = await signedIn(browser, "officer@mohw.go.kr", locale);
    await refusals(officer, { url: `/requests/${withConditions}`, form: 'form[id^="upload-"]', name: "condition-upload", locale, cases: [{}] });
    await refusals(officer, {
      url: `/requests/${withConditions}`,
      form: 'form[id^="conditionEvidence-"]',
      name: "condition-evidence",
      locale,
      cases: [{ note: LONG(5001) }],
    });
    await officer.goto(`/requests/${withConditions}`);
    await officer.locator('form[id^="conditionEvidence-"] textarea[name="note"]').fill("점검을 마쳤습니다.");
    await officer.locator('form[id^="conditionEvidence-"] button[type="submit"]').click();
    await expect(officer.getByTestId("condition-status")).toHaveText(locale === "ko" ? "이행 보고됨" : /submitted/i);
    await refusals(secretariat, {
      url: `/requests/${withConditions}`,
      form: 'form[id^="conditionReturn-"]',
      name: "condition-return",
      locale,
      cases: [{ reason: "" }, { reason: LONG(2001) }],
    });
  });
}

test("without JavaScript the server says the same beside the field: a return without reasons, a plan milestone without its date", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: baseURL(), javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "secretariat@msit.go.kr");
  const id = await submittedRequest({ title: "스크립트 없는 보완 요청 양식" });
  await page.goto(`/requests/${id}`);
  await page.locator(eventForm("RETURN")).evaluate((form: HTMLFormElement) => {
    form.noValidate = true;
  });
  await page.locator(`${eventForm("RETURN")} button[type="submit"]`).click();
  await expect(page.locator("#event-RETURN-reasons-error")).toHaveText("사유를 하나 이상 넣으세요.");
  // the screening queue refusing an empty selection: the server marks the rows' boxes, the checklists still there
  await page.goto("/screening");
  const rows = page.getByTestId("screening-row");
  const listed = await rows.count();
  expect(listed).toBeGreaterThan(0);
  await page.getByRole("button", { name: "선택 항목 접수" }).click();
  await expect(rows.first().getByRole("checkbox")).toHaveAttribute("aria-invalid", "true");
  await expect(rows).toHaveCount(listed);
  await expect(rows.getByTestId("checklist")).toHaveCount(listed);
  await expect(rows.getByTestId("checklist").first()).toContainText("필수 항목");
  await sendOk(await apiAs("secretariat@msit.go.kr"), id, { type: "ACCEPT" });
  await page.goto(`/requests/${id}/plan`);
  await page.getByLabel("내용 1").fill("실증 착수");
  await page.getByRole("button", { name: "새 차수 안으로 저장" }).click();
  await expect(page.locator('[id="plan-milestones[0].dueOn-error"]')).toHaveText("마일스톤 1 완료일을 달력에서 고르세요.");
  await expect(page.getByLabel("내용 1")).toHaveValue("실증 착수");
  await context.close();
});
