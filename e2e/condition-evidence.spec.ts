import { expect, test, type Page } from "./fixtures";
import { dayFromNow } from "./dates";
import { decidedRequest, signIn } from "./helpers";

// The ministry's evidence for a condition of approval, uploaded from the conditions panel (issue 10:
// with JavaScript this once hung because a hydration error threw away the chosen file).

const PDF = { name: "영향평가_결과.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% evidence\n%%EOF\n") };

async function conditionallyApproved(title: string) {
  const { id } = await decidedRequest(
    { title, gpus: 40 },
    {
      outcome: "approveWithConditions",
      approvedGpus: 32,
      // a text of its own: other specs look for the demo data's condition texts
      conditions: [{ text: `${title}: 데이터 보호 조치 증빙`, dueOn: dayFromNow(60) }],
    },
  );
  return id;
}

async function uploadRightAway(page: Page, requestId: string) {
  await page.goto(`/requests/${requestId}`);
  // no waiting for anything: a person may choose the file as soon as the page shows
  const condition = page.getByTestId("conditions").locator("li").first();
  await condition.getByLabel("증빙 파일").setInputFiles(PDF);
  await condition.getByRole("button", { name: "파일 올리기" }).click();
  await page.waitForURL(/attached=|attachError=/);
  expect(page.url()).toContain("attached=");
  await expect(page.getByTestId("conditions")).toContainText(PDF.name);
}

test("with JavaScript: evidence chosen as soon as the page shows is uploaded and listed with its condition", async ({ page }) => {
  const id = await conditionallyApproved("증빙 업로드 시험 (스크립트)");
  await signIn(page, "officer@mohw.go.kr");
  await uploadRightAway(page, id);
  // and again, on a fresh load: the upload does not depend on timing
  await uploadRightAway(page, id);
  await expect(page.getByTestId("conditions").getByRole("link", { name: PDF.name })).toHaveCount(2);
});

test("without JavaScript: the plain form uploads the evidence and comes back to the conditions", async ({ browser }) => {
  const id = await conditionallyApproved("증빙 업로드 시험 (스크립트 없음)");
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "officer@mohw.go.kr");
  await uploadRightAway(page, id);
  await page.getByTestId("conditions").locator("li").first().getByLabel("이행 내용 설명").fill("영향평가를 마치고 결과를 첨부합니다.");
  await page.getByRole("button", { name: "이행 보고" }).click();
  await expect(page.getByTestId("condition-status").first()).toHaveText("이행 보고됨");
  await context.close();
});
