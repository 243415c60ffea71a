/**
 * The forms moved to Conform and the shared Field/ErrorList (issue 14), each sent empty so their
 * messages show, in Korean and English at 390 and 1366 px: no sideways scrolling, screenshots kept
 * as test artifacts (test-results/forms-*.png) for a person to look at.
 */
import { expect, test } from "./fixtures";
import { pageAs } from "./meeting-helpers";

const FORMS = [
  { who: "secretariat@msit.go.kr", path: "/meetings", form: 'form:has(input[name="place"])', name: "meeting-new" },
  { who: "admin@ax.go.kr", path: "/admin/pool", form: 'form:has(input[name="intent"][value="createTranche"])', name: "tranche-new" },
  { who: "admin@ax.go.kr", path: "/admin/users", form: 'form:has(input[name="intent"][value="create"])', name: "user-new" },
  { who: "officer@mohw.go.kr", path: "/account/password", form: 'form:has(input[name="next"])', name: "password" },
] as const;

for (const f of FORMS) {
  test(`the ${f.name} form says what is missing beside each field (ko/en, 390/1366)`, async ({ browser }) => {
    const page = await pageAs(browser, f.who);
    for (const locale of ["ko", "en"] as const) {
      if (locale === "en") await page.request.post("/lang", { form: { lang: "en", redirectTo: "/" } });
      for (const width of [390, 1366]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await page.goto(f.path);
        await page.waitForLoadState("networkidle");
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
        await page.screenshot({ path: `test-results/forms-${f.name}-${locale}-${width}.png` });
      }
    }
  });
}
