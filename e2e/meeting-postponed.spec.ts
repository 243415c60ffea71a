import { expect, test } from "./fixtures";
import { coSignedRequest, newMeeting } from "./helpers";
import { dayFromNow } from "./dates";
import { MOHW, SECRETARIAT, expectAuditVerifies, koDate, meetingNumber, openCorrection, pageAs, scheduleAndLock } from "./meeting-helpers";

// Path: a meeting is postponed — its date, time, place and attendees change before the agenda is locked.
test("postponed meeting: the secretariat edits the date until the lock; the officer, the minutes and the history follow", async ({ browser }) => {
  const id = await coSignedRequest({
    title: "보건소 감염병 신고 자동 분류 AI",
    gpus: 48,
    problem: "감염병 신고 분류가 수작업이라 보건소 인력이 부족하고 대응이 늦어지고 있습니다.",
  });
  const meetingId = await newMeeting(dayFromNow(9));
  await scheduleAndLock(meetingId, [id], false);
  const number = await meetingNumber(meetingId);

  const page = await pageAs(browser, SECRETARIAT);
  await page.goto(`/meetings/${meetingId}`);
  await expect(page.getByTestId("meeting-when")).toContainText(koDate(dayFromNow(9)));

  // a date in the past is refused and said plainly
  let edit = await openCorrection(page, "회의 정보 수정");
  await edit.getByLabel("일자").fill(dayFromNow(-1));
  await edit.getByRole("button", { name: "수정 내용 저장" }).click();
  await expect(edit.locator(".field-error", { hasText: /회의 일자는 오늘\(.+\) 이후로 정하세요\./ })).toBeVisible(); // beside the date, not in a banner

  // postponed by two weeks, in the afternoon, elsewhere, with its attendees
  edit = page.locator("details", { hasText: "회의 정보 수정" });
  await expect(edit).toHaveAttribute("open", "");
  await edit.getByLabel("일자").fill(dayFromNow(23));
  await edit.getByLabel("시작 시각").fill("15:00");
  await edit.getByLabel("장소").fill("정부세종청사 6동 대회의실");
  await edit.getByLabel("참석자").fill("과학기술정보통신부 장관\n국무조정실장\n보건복지부 차관");
  await edit.getByRole("button", { name: "수정 내용 저장" }).click();
  await expect(page.getByRole("status")).toHaveText("회의 정보를 수정했습니다.");
  await expect(page.getByTestId("meeting-when")).toContainText(`일시: ${koDate(dayFromNow(23))} 15:00`);
  await expect(page.getByTestId("meeting-when")).toContainText("장소: 정부세종청사 6동 대회의실");
  await expect(page.getByTestId("meeting-attendees")).toHaveText("참석자: 과학기술정보통신부 장관, 국무조정실장, 보건복지부 차관");
  const history = page.getByTestId("meeting-history");
  await expect(history.locator(":scope > li")).toHaveCount(2);
  await expect(history.locator(":scope > li").nth(1)).toContainText("회의 정보를 수정함");
  await expect(history.locator(":scope > li").nth(1)).toContainText(`일자: ${dayFromNow(9)} → ${dayFromNow(23)}`);
  await expect(history.locator(":scope > li").nth(1)).toContainText("장소: 정부서울청사 → 정부세종청사 6동 대회의실");

  // the ministry sees its meeting: number, new date and time, place, 의안번호, stage
  const officer = await pageAs(browser, MOHW);
  await officer.goto(`/requests/${id}`);
  const meetings = officer.getByTestId("request-meetings");
  await expect(meetings).toContainText(`제${number}회-1`);
  await expect(meetings).toContainText(`제${number}회 과학기술관계장관회의`);
  await expect(meetings).toContainText(`일시: ${koDate(dayFromNow(23))} 15:00`);
  await expect(meetings).toContainText("정부세종청사 6동 대회의실");
  await expect(meetings).toContainText("안건 준비 중");
  await expect(officer.getByTestId("history")).toContainText("안건으로 상정함");

  // the draft minutes carry the new date and the attendees
  await page.goto(`/meetings/${meetingId}/minutes`);
  await expect(page.getByRole("main")).toContainText(`일시: ${koDate(dayFromNow(23))} 15:00 · 장소: 정부세종청사 6동 대회의실`);
  await expect(page.getByRole("main")).toContainText("참석자: 과학기술정보통신부 장관, 국무조정실장, 보건복지부 차관");
  await expect(page.getByTestId("minutes-draft")).toBeVisible();

  // once the agenda is locked the meeting can no longer be edited
  await page.goto(`/meetings/${meetingId}`);
  await page.getByText("안건 확정(잠금)…").click();
  await page.getByRole("button", { name: "확정합니다" }).click();
  await expect(page.getByRole("status")).toHaveText("안건을 확정했습니다.");
  await expect(page.locator("summary", { hasText: "회의 정보 수정" })).toHaveCount(0);
  // …and the meeting has not been held yet: results wait for its date, said plainly
  await expect(page.getByTestId("meeting-not-held")).toHaveText(
    `회의 일자(${koDate(dayFromNow(23))}) 전입니다. 심의 결과는 회의 당일(한국 시간)부터 기록할 수 있습니다.`,
  );
  await expect(page.getByTestId("decision-form")).toHaveCount(0);
  await expectAuditVerifies();
});
