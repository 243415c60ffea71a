import { test } from "@playwright/test";
import { signIn } from "./helpers";
const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(2048, 0x20)]);
test("screens", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "officer@mohw.go.kr");
  for (const lang of ["ko", "en"]) {
    await page.goto("/requests/new");
    if (lang === "en") { await page.getByRole("button", { name: /English/ }).click(); await page.goto("/requests/new"); }
    await page.locator("#intake-title").fill("Test 요청 <b>bold</b>");
    await page.locator("#intake-budgetKrw").fill("1234567");
    await page.locator("button[value=submit]").click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/shots4/form-${lang}.png`, fullPage: true });
    await page.locator("button[value=save]").click();
    await page.waitForURL(/notice=saved/);
    await page.getByLabel(/올릴 파일|File to upload/).setInputFiles({ name: "사업계획서 최종본.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.locator("#attachments button[type=submit]").last().click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/shots4/detail-${lang}.png`, fullPage: true });
    await page.goto("/requests");
    await page.screenshot({ path: `/tmp/shots4/list-${lang}.png`, fullPage: true });
  }
});
