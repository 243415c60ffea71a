import { readFileSync } from "node:fs";
import { expect, test, type Page } from "./fixtures";
import { axeFor, apiAs, coSignedRequest, signIn, shot } from "./helpers";
import { dayFromNow } from "./dates";

// Works on a meeting it creates itself (제3회 is only read), so the cross-role flow that puts a
// request on 제3회 and locks it is not disturbed by the order the spec files run in.

/** A4 minus the page margins of the print stylesheet (16 mm each side), at 96 px per inch. */
const A4_CONTENT = { width: 673, height: 1000 };

const agendaTitles = (page: Page) => page.getByTestId("agenda-row").locator("td:nth-child(3) a").allTextContents();

test("secretariat: create, build, reorder, lock, print, export and decide; approver reads; officers get 404", async ({ browser }) => {
  const first = await coSignedRequest({
    title: "원격 진료 음성 기록 AI",
    gpus: 96,
    agreed: 80,
    problem: "원격 진료 기록 작성에 의사 1인당 하루 1시간 이상이 소요되어 진료 시간이 줄어듭니다.",
  });
  const second = await coSignedRequest({
    title: "=보건소 민원 상담 챗봇",
    gpus: 40,
    agreed: 32,
    problem: '보건소 민원 상담 대기가 길어 "야간" 문의에 답하지 못하고, 상담 인력이 부족합니다.',
  });

  const page = await (await browser.newContext()).newPage(); // (axe needs a page from a context)
  await signIn(page, "secretariat@msit.go.kr");
  await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "회의·안건" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("과학기술관계장관회의");
  await expect(page.getByTestId("meeting-list")).toContainText("제3회");

  // 제3회 (read only here): its seeded item, and the 스마트팜 request signed by the ministry only is offered disabled
  await page.getByRole("link", { name: "제3회", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("제3회 과학기술관계장관회의");
  await expect(page.getByTestId("agenda")).toContainText("국방 사이버 위협 탐지 AI");
  await expect(page.locator("#add-request option", { hasText: "스마트팜 작물 생육 예측 AI" })).toBeDisabled();
  await expect(page.locator("#add-request option", { hasText: "스마트팜 작물 생육 예측 AI" })).toContainText("공동계획 서명 전");
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("과학기술관계장관회의");

  // create: the number defaults to the last one + 1, the title to the official name
  const numbers = await page.getByTestId("meeting-list").getByRole("link").allTextContents();
  const next = Math.max(...numbers.map((s) => Number(s.replace(/\D/g, "")))) + 1;
  await expect(page.getByLabel("회차")).toHaveValue(String(next));
  await expect(page.getByLabel("회의명")).toHaveValue("과학기술관계장관회의");
  await page.getByLabel("일자").fill(dayFromNow(0)); // today: results can be recorded from the meeting's date
  await page.getByLabel("장소").fill("   "); // passes the browser's `required`, not the server's schema
  await page.getByRole("button", { name: "회의 만들기" }).click();
  await expect(page.locator("#meeting-place-error")).toHaveText("장소를 입력하세요.");
  await page.getByLabel("장소").fill("정부세종청사 6동");
  await page.getByRole("button", { name: "회의 만들기" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`제${next}회 과학기술관계장관회의`);
  await expect(page.getByRole("status")).toHaveText("회의를 만들었습니다.");
  await expect(page.getByTestId("meeting-status")).toHaveText("안건 준비 중");
  const meetingUrl = page.url().replace(/\?.*$/, "");

  // add two co-signed requests
  for (const [index, id] of [first, second].entries()) {
    const value = await page.locator(`#add-request option[value^="${id}:"]`).getAttribute("value");
    await page.getByLabel("올릴 요청").selectOption(value!);
    await page.getByRole("button", { name: "안건에 올리기" }).click();
    await expect(page.getByTestId("agenda-row")).toHaveCount(index + 1);
    await expect(page.getByRole("status")).toHaveText("안건에 올렸습니다.");
  }
  expect(await agendaTitles(page)).toEqual(["원격 진료 음성 기록 AI", "=보건소 민원 상담 챗봇"]);

  // reorder by keyboard: focus the Down button and press Enter; focus stays with the moved item
  await page.getByRole("button", { name: "원격 진료 음성 기록 AI 아래로" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText("안건 순서를 바꿨습니다.");
  await expect.poll(() => agendaTitles(page)).toEqual(["=보건소 민원 상담 챗봇", "원격 진료 음성 기록 AI"]);
  await expect(page.getByRole("button", { name: "원격 진료 음성 기록 AI 위로" })).toBeFocused();

  // and by pointer: drag the first row onto the second. The status already says "reordered" from the
  // keyboard step and the rows move at once (before the server answers), so the signal that the new
  // order is saved is the answer to its POST
  const rows = page.getByTestId("agenda-row");
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith(new URL(meetingUrl).pathname));
  await rows.nth(0).dragTo(rows.nth(1));
  expect((await saved).ok(), "the reorder's POST").toBe(true);
  await expect(page.getByRole("status")).toHaveText("안건 순서를 바꿨습니다.");
  await expect.poll(() => agendaTitles(page)).toEqual(["원격 진료 음성 기록 AI", "=보건소 민원 상담 챗봇"]);
  await page.reload();
  expect(await agendaTitles(page)).toEqual(["원격 진료 음성 기록 AI", "=보건소 민원 상담 챗봇"]);
  await shot(page, { path: "test-results/meeting-planning-ko.png", fullPage: true });

  // lock, with a confirmation step
  await page.getByText("안건 확정(잠금)…").click();
  await expect(page.getByText("안건을 확정하면 더 이상")).toBeVisible();
  await page.getByRole("button", { name: "확정합니다" }).click();
  await expect(page.getByRole("status")).toHaveText("안건을 확정했습니다.");
  await expect(page.getByTestId("meeting-status")).toHaveText("안건 확정");
  await expect(page.getByRole("button", { name: /아래로$/ })).toHaveCount(0);

  // the printable agenda: a document without the app's chrome
  await page.getByRole("link", { name: "안건 인쇄" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`제${next}회 과학기술관계장관회의 안건 목록`);
  const printTable = page.getByTestId("print-agenda");
  await expect(printTable.locator("tbody tr")).toHaveCount(2);
  await expect(printTable.locator("tbody tr").first()).toContainText("제1호");
  await expect(printTable.locator("tfoot")).toContainText("136"); // 96 + 40 requested
  await expect(printTable.locator("tfoot")).toContainText("112"); // 80 + 32 agreed
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: /인쇄하기/ })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "주 메뉴" })).toHaveCount(0);
  await page.setViewportSize(A4_CONTENT); // the printable width of an A4 page, so lines wrap as on paper
  await shot(page, { path: "test-results/meeting-print-ko.png", fullPage: true });
  // the stylesheet asks for A4: Chromium's PDF uses the CSS page size (595 × 842 pt)
  const pdf = (await page.pdf({ preferCSSPageSize: true, path: "test-results/meeting-print-ko.pdf" })).toString("latin1");
  const box = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  expect(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ media: "screen" });
  await page.goto(meetingUrl);

  // CSV: BOM, Korean header and titles, formula guard
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV 내려받기" }).click()]);
  expect(download.suggestedFilename()).toBe(`제${next}회 과학기술관계장관회의 안건.csv`);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  expect(lines[0]).toBe("안건 번호,의안번호,접수번호,제목,제안 부처,요청 GPU,합의 GPU,상태,결과,승인 GPU,요지");
  expect(lines[1]).toMatch(new RegExp(`^1,제${next}회-1,AX-\\d{4}-\\d{4},원격 진료 음성 기록 AI,보건복지부,96,80,안건 상정,,,`));
  expect(lines[2]).toContain(",'=보건소 민원 상담 챗봇,");
  expect(lines[2]).toContain('"보건소 민원 상담 대기가 길어 ""야간"" 문의에 답하지 못하고, 상담 인력이 부족합니다."');

  // decisions: the machine's refusal shows inline; then approve with a condition
  const item = page.getByTestId("decision-item").filter({ hasText: "원격 진료 음성 기록 AI" });
  await item.getByLabel("조건부 승인").check();
  await item.getByLabel("승인 GPU").fill("81");
  await item.getByLabel("조건 1", { exact: true }).fill("개인정보 영향평가 결과 제출");
  await item.getByLabel("이행 기한").fill(dayFromNow(120));
  await item.getByRole("button", { name: "+ 조건 추가" }).click();
  await item.getByLabel("조건 2", { exact: true }).fill("의료진 검증 절차 수립");
  await item.getByLabel("이행 기한").nth(1).fill(dayFromNow(180));
  await item.getByRole("button", { name: "심의 결과 기록" }).click();
  await expect(item.getByRole("alert")).toHaveText("승인 GPU 수량(81)이 공동계획에서 합의한 수량(80)을 넘을 수 없습니다.");
  await shot(item, { path: "test-results/meeting-decide-refused-ko.png" });
  await item.getByLabel("승인 GPU").fill("72");
  await item.getByLabel("비고").fill("개인정보 보호 조치 후 착수");
  await item.getByRole("button", { name: "심의 결과 기록" }).click();
  await expect(page.getByRole("status")).toHaveText("심의 결과를 기록했습니다.");
  const decided = page.getByTestId("decision-item").filter({ hasText: "원격 진료 음성 기록 AI" }).getByTestId("decision");
  await expect(decided).toContainText("조건부 승인");
  await expect(decided).toContainText("72 / 합의 GPU 80");
  await expect(decided).toContainText("개인정보 영향평가 결과 제출");
  await expect(decided).toContainText("의료진 검증 절차 수립");
  await expect(decided).toContainText("0/2명 서명");
  await expect(page.getByTestId("meeting-status")).toHaveText("개최(결과 기록 중)");
  await expect(page.getByRole("button", { name: "회의록 공개" })).toBeDisabled();
  await shot(page, { path: "test-results/meeting-held-ko.png", fullPage: true });
  expect((await axeFor(page).analyze()).violations.map((v) => v.id)).toEqual([]);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByTestId("meeting-status")).toHaveText("Held (recording decisions)");
  await shot(page, { path: "test-results/meeting-held-en.png", fullPage: true });
  await page.getByRole("button", { name: /한국어/ }).click();
  await expect(page.getByTestId("meeting-status")).toHaveText("개최(결과 기록 중)");

  // the minutes: generated from the decisions, a draft until published
  await page.goto(`${meetingUrl}/minutes`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`제${next}회 과학기술관계장관회의 회의록`);
  await expect(page.getByTestId("minutes-draft")).toBeVisible();
  await expect(page.getByTestId("minutes-item").first()).toContainText("개인정보 영향평가 결과 제출");
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize(A4_CONTENT);
  await shot(page, { path: "test-results/meeting-minutes-ko.png", fullPage: true });

  // an approver reads the meeting but has no secretariat controls
  const approver = await browser.newPage();
  await signIn(approver, "approver@opm.go.kr");
  await approver.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "회의·안건" }).click();
  await expect(approver.getByRole("button", { name: "회의 만들기" })).toHaveCount(0);
  await approver.goto(meetingUrl);
  await expect(approver.getByTestId("agenda")).toContainText("=보건소 민원 상담 챗봇");
  await expect(approver.getByTestId("decision")).toContainText("조건부 승인");
  await expect(approver.getByTestId("decision-form")).toHaveCount(0);
  await expect(approver.getByRole("button", { name: /심의 결과 기록|안건에 올리기|회의록 공개|확정합니다/ })).toHaveCount(0);
  const refused = await approver.request.post(meetingUrl, { form: { intent: "publish", expectedVersion: "1" } });
  expect(refused.status()).toBe(403);

  // officers: 404 on the meeting, its documents and the list
  const officer = await browser.newPage();
  await signIn(officer, "officer@mnd.go.kr");
  await expect(officer.getByRole("link", { name: "회의·안건" })).toHaveCount(0);
  expect((await officer.goto(meetingUrl))?.status()).toBe(404);
  for (const path of ["/print", "/minutes", "/agenda.csv"]) {
    expect((await officer.request.get(`${meetingUrl}${path}`)).status(), path).toBe(404);
  }
  expect((await officer.goto("/meetings"))?.status()).toBe(404);
});

test("the meeting page in English, and the CSV header follows the language", async ({ page }) => {
  await signIn(page, "secretariat@msit.go.kr");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("button", { name: /한국어/ })).toBeVisible();
  await page.goto("/meetings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Science and Technology Ministers' Meetings");
  await shot(page, { path: "test-results/meetings-list-en.png", fullPage: true });
  expect((await axeFor(page).analyze()).violations.map((v) => v.id)).toEqual([]);
  await page.getByRole("link", { name: "No. 3", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("과학기술관계장관회의 No. 3");
  await shot(page, { path: "test-results/meeting-planning-en.png", fullPage: true });
  const csv = await page.request.get(`${page.url()}/agenda.csv`);
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="meeting-3-agenda\.csv"; filename\*=UTF-8''/);
  const text = (await csv.text()).replace(/^\uFEFF/, "");
  expect(text.split("\r\n")[0]).toBe("Item no.,Agenda no.,Reference,Title,Proposing ministry,Requested GPUs,Agreed GPUs,State,Outcome,Approved GPUs,Summary");
  expect(text).toContain("Ministry of National Defense");
  await page.goto(`${page.url()}/print`);
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize(A4_CONTENT);
  await shot(page, { path: "test-results/meeting-print-en.png", fullPage: true });
});

test("without JavaScript: Up/Down post the whole order, the lock confirms, a decision has three condition rows", async ({ browser }) => {
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const list = await (await secretariat.get("/api/v1/meetings")).json();
  const number = Math.max(...list.map((m: { number: number }) => m.number)) + 1;
  const meeting = await (
    await secretariat.post("/api/v1/meetings", { data: { number, date: dayFromNow(0), title: "과학기술관계장관회의", place: "정부서울청사" } })
  ).json();
  for (const [title, gpus] of [
    ["응급 의료 수요 예측 AI", 64],
    ["보건 통계 자동 요약 AI", 24],
  ] as const) {
    const id = await coSignedRequest({
      title,
      gpus,
      agreed: gpus,
      problem: "보건 현장의 반복 업무가 많아 담당 인력이 본연의 업무에 집중하지 못하고 있습니다.",
    });
    expect((await secretariat.post(`/api/v1/meetings/${meeting.id}/agenda`, { data: { requestId: id } })).status()).toBe(201);
  }

  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "secretariat@msit.go.kr");
  await page.goto(`/meetings/${meeting.id}`);
  expect(await agendaTitles(page)).toEqual(["응급 의료 수요 예측 AI", "보건 통계 자동 요약 AI"]);
  await page.getByRole("button", { name: "보건 통계 자동 요약 AI 위로" }).click();
  await expect(page.getByRole("status")).toHaveText("안건 순서를 바꿨습니다.");
  await expect.poll(() => agendaTitles(page)).toEqual(["보건 통계 자동 요약 AI", "응급 의료 수요 예측 AI"]);

  await page.getByText("안건 확정(잠금)…").click();
  await page.getByRole("button", { name: "확정합니다" }).click();
  await expect(page.getByRole("status")).toHaveText("안건을 확정했습니다.");

  const item = page.getByTestId("decision-item").filter({ hasText: "응급 의료 수요 예측 AI" });
  await expect(item.getByTestId("condition-row")).toHaveCount(3);
  await item.getByLabel("조건부 승인").check();
  await item.getByLabel("승인 GPU").fill("60");
  await item.getByLabel("조건 1", { exact: true }).fill("데이터 관리 계획 제출");
  await item.getByRole("button", { name: "심의 결과 기록" }).click();
  // the due date is missing: said beside it, and what was typed is kept
  await expect(page.getByTestId("decision-item").filter({ hasText: "응급 의료 수요 예측 AI" }).locator(".field-error")).toHaveText(
    "부대 조건 1 완료일을 달력에서 고르세요.",
  );
  await expect(item.getByLabel("조건 1", { exact: true })).toHaveValue("데이터 관리 계획 제출");
  await expect(item.getByLabel("승인 GPU")).toHaveValue("60");
  await item.getByLabel("이행 기한").first().fill(dayFromNow(200));
  await item.getByRole("button", { name: "심의 결과 기록" }).click();
  await expect(page.getByRole("status")).toHaveText("심의 결과를 기록했습니다.");
  await expect(page.getByTestId("decision-item").filter({ hasText: "응급 의료 수요 예측 AI" }).getByTestId("decision")).toContainText("데이터 관리 계획 제출");
  await context.close();
});
