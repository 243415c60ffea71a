/**
 * Every form a person can send, submitted empty, with values out of range and with wrong formats,
 * answers only in the catalogue's words (issue 14): a message never carries a validator's vocabulary
 * ("Too big: expected string…", "YYYY-MM", "Invalid input"). The browser's own checks (required,
 * min/max, type=date) are switched off first, so what is checked is what the server (or Conform in
 * the browser) says — as an old browser, a script or a person with a tampered page would see it.
 */
import { expect, test } from "./fixtures";
import { expectOnlyCatalogueMessages, send, signedIn, VALIDATOR_WORDS, type Values } from "./form-check";
import { apiAs, coSignedRequest, decidedRequest, newMeeting, sendOk, submittedRequest } from "./helpers";
import { dayFromNow, monthFromNow } from "./dates";
import { LOCALES } from "./views";

const LONG = (n: number) => "가".repeat(n);

for (const locale of LOCALES) {
  test(`forms answer in the catalogue's words (${locale}): login, intake, edit, withdraw, plan`, async ({ browser, page }) => {
    test.setTimeout(300_000);
    // login (signed out)
    if (locale === "en") await page.request.post("/lang", { form: { lang: "en", redirectTo: "/" } });
    for (const values of [{}, { email: "not-an-address", password: LONG(300) }]) {
      await page.goto("/login");
      await send(page, 'form:has(input[name="password"])', values);
      await expectOnlyCatalogueMessages(page, "login");
    }

    const officer = await signedIn(browser, "officer@mohw.go.kr", locale);
    const submit = locale === "ko" ? /^저장 후 제출$/ : /^Save and submit$/;
    const cases: Values[] = [
      { title: "", contactName: "", contactEmail: "" },
      { title: LONG(201), gpusRequested: "99999", durationMonths: "0", budgetKrw: "1".repeat(25), problemStatement: "짧음", expectedOutcomes: LONG(3001) },
      { title: "형식 오류 요청 제목", desiredStartMonth: "2027/03", gpusRequested: "열두 장", durationMonths: "1.5", contactEmail: "nope", domain: "MOON" },
    ];
    for (const values of cases) {
      await officer.goto("/requests/new");
      await send(officer, "form#intake", values, submit);
      await expectOnlyCatalogueMessages(officer, `new request ${JSON.stringify(values).slice(0, 60)}`);
    }
    // "save and submit" of a complete request with a past start month says why on the first try, beside the field
    await officer.goto("/requests/new");
    await send(
      officer,
      "form#intake",
      {
        title: "지난 시작 월로 제출하는 요청",
        domain: "HEALTH",
        sector: "NATIONAL_PROJECT",
        aiWork: "FINE_TUNING",
        problemStatement: "보건 현장의 반복 업무가 많아 담당 인력이 본연의 업무에 집중하지 못합니다.",
        gpusRequested: "64",
        desiredStartMonth: monthFromNow(-2),
        durationMonths: "12",
        dataReadiness: "READY",
        npuCapable: "false",
        expectedOutcomes: "처리 시간 50% 단축",
        budgetKrw: "900000000",
        contactName: "최보건",
        contactEmail: "officer@mohw.go.kr",
      },
      submit,
    );
    await expect(officer.locator("#intake-desiredStartMonth-error")).toBeVisible();
    await expectOnlyCatalogueMessages(officer, "past start month");
    expect(officer.url()).toContain("/requests/new");

    const api = await apiAs("officer@mohw.go.kr");
    const draft = await (await api.post("/api/v1/requests", { data: { title: "양식 메시지 점검용 초안" } })).json();
    for (const values of cases.slice(0, 3)) {
      await officer.goto(`/requests/${draft.id}/edit`);
      await send(officer, "form#intake", values, submit);
      await expectOnlyCatalogueMessages(officer, "edit request");
    }
    for (const reason of ["", LONG(2001)]) {
      await officer.goto(`/requests/${draft.id}/withdraw`);
      await send(officer, 'form:has(textarea[name="reason"])', { reason }, locale === "ko" ? /철회 확인/ : /Confirm/);
      await expectOnlyCatalogueMessages(officer, "withdraw");
    }

    // joint plan: a request accepted by the secretariat
    const planned = await submittedRequest({ title: `양식 메시지 공동계획 ${locale}` });
    await sendOk(await apiAs("secretariat@msit.go.kr"), planned, { type: "ACCEPT" });
    for (const values of [
      { "milestones[0].title": "실증 착수", "milestones[0].dueOn": "31/03/2027", agreedGpus: "99999999" },
      { "milestones[0].title": "", "milestones[0].dueOn": "2027-02-31", agreedGpus: "1.5", kpis: LONG(5001) },
    ]) {
      await officer.goto(`/requests/${planned}/plan`);
      await send(officer, 'form:has(input[name="intent"][value="save"])', values);
      await expectOnlyCatalogueMessages(officer, "plan");
    }
  });

  test(`forms answer in the catalogue's words (${locale}): meetings, decisions, sign-off, conditions, pool, screening`, async ({ browser }) => {
    test.setTimeout(300_000);
    const secretariat = await signedIn(browser, "secretariat@msit.go.kr", locale);
    for (const values of [
      { number: "", date: "", title: "", place: "" },
      { number: "0", date: dayFromNow(1), title: "가", place: LONG(201), startTime: "25:99" },
      { number: "열", date: "2027/13/45", title: "형식 오류 회의", place: "세종" },
    ]) {
      await secretariat.goto("/meetings");
      await send(secretariat, 'form:has(input[name="place"])', values);
      await expectOnlyCatalogueMessages(secretariat, "create meeting");
    }
    const meetingId = await newMeeting(dayFromNow(20));
    for (const values of [
      { date: "", title: "", place: "" },
      { date: "31.12.2027", startTime: "7pm", title: LONG(201) },
    ]) {
      await secretariat.goto(`/meetings/${meetingId}`);
      await send(secretariat, 'form:has(input[name="intent"][value="update"])', values);
      await expectOnlyCatalogueMessages(secretariat, "edit meeting");
    }

    // a decision on a locked agenda
    const id = await coSignedRequest({ title: `양식 메시지 심의 ${locale}`, gpus: 32 });
    const api = await apiAs("secretariat@msit.go.kr");
    const decideMeeting = await newMeeting();
    expect((await api.post(`/api/v1/meetings/${decideMeeting}/agenda`, { data: { requestId: id } })).status()).toBe(201);
    expect((await api.post(`/api/v1/meetings/${decideMeeting}/lock`)).status()).toBe(200);
    for (const values of [
      { approvedGpus: "" },
      { outcome: "approveWithConditions", approvedGpus: "열 장", "conditions[0].text": "조건", "conditions[0].dueOn": "2027/3/31" },
      { outcome: "approveWithConditions", approvedGpus: "10", "conditions[0].text": LONG(1001), "conditions[0].dueOn": "2027-02-31", note: LONG(2001) },
    ]) {
      await secretariat.goto(`/meetings/${decideMeeting}`);
      if (typeof values.outcome === "string") await secretariat.locator(`input[name="outcome"][value="${values.outcome}"]`).first().check();
      const { outcome: _o, ...rest } = values as Values;
      await send(secretariat, 'form:has(input[name="intent"][value="decide"])', rest);
      await expectOnlyCatalogueMessages(secretariat, "decision");
    }
    await sendOk(api, id, { type: "DECIDE", outcome: "approve", approvedGpus: 32 });

    // sign-off refused without a reason / with one too long
    const approver = await signedIn(browser, "approver@opm.go.kr", locale);
    for (const reason of ["", LONG(2001)]) {
      await approver.goto("/signoffs");
      const item = `li:has(a[href="/requests/${id}"]) form:has(input[name="type"][value="REFUSE_SIGNOFF"])`;
      await send(approver, item, { reason });
      await expectOnlyCatalogueMessages(approver, "refuse sign-off");
    }

    // conditions: evidence note too long, a return without a reason
    const { id: conditional } = await decidedRequest(
      { title: `양식 메시지 조건 ${locale}`, gpus: 16 },
      {
        outcome: "approveWithConditions",
        approvedGpus: 16,
        conditions: [{ text: "보안 점검 결과 제출", dueOn: dayFromNow(30) }],
      },
    );
    const officer = await signedIn(browser, "officer@mohw.go.kr", locale);
    await officer.goto(`/requests/${conditional}`);
    await officer
      .locator('input[name="file"]')
      .first()
      .setInputFiles({ name: "evidence.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    await send(officer, 'form:has(input[name="intent"][value="conditionEvidence"])', { note: LONG(5001) });
    await expectOnlyCatalogueMessages(officer, "condition evidence");

    // the pool: a tranche and an allocation
    const admin = await signedIn(browser, "admin@ax.go.kr", locale);
    for (const values of [
      { label: "", arrivalMonth: "", capacity: "", gpuModel: "" },
      { label: LONG(101), arrivalMonth: "March 2027", capacity: "-5", gpuModel: "B200" },
      { label: "형식 오류 차수", arrivalMonth: "2027-13", capacity: "1.5", gpuModel: "B200", resourceKind: "TPU" },
    ]) {
      await admin.goto("/admin/pool");
      await send(admin, 'form:has(input[name="intent"][value="createTranche"])', values);
      await expectOnlyCatalogueMessages(admin, "tranche");
    }
    await admin.goto("/admin/pool");
    await send(admin, 'form:has(input[name="intent"][value="setPool"])', { totalGpus: "0" });
    await expectOnlyCatalogueMessages(admin, "pool total");
    for (const values of [{ gpus: "" }, { gpus: "999999", startMonth: "27-3" }]) {
      await secretariat.goto("/pool");
      await send(secretariat, 'form:has(input[name="intent"][value="allocate"])', values);
      await expectOnlyCatalogueMessages(secretariat, "allocation");
    }

    // screening: return with no reason; the request page's return form with an empty reason
    const waiting = await submittedRequest({ title: `양식 메시지 검토 ${locale}` });
    await secretariat.goto(`/requests/${waiting}`);
    await send(secretariat, 'form:has(input[name="type"][value="RETURN"])', { reasons: "" });
    await expectOnlyCatalogueMessages(secretariat, "return");

    // API tokens (no page): the API's field messages speak the same catalogue
    const tokens = await api.post("/api/v1/tokens", { data: { name: "", expiresInDays: 9999 }, headers: { "Accept-Language": locale } });
    expect(tokens.status()).toBe(422);
    const fields = Object.values((await tokens.json()).error.fields as Record<string, string>);
    expect(fields.length).toBeGreaterThan(0);
    for (const m of fields) expect(m).not.toMatch(VALIDATOR_WORDS);
  });
}
