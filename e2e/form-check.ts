/**
 * Sending a form as a person with an old browser, a script or a tampered page would (the browser's own
 * checks off), and checking that what comes back speaks only the catalogue's words (issue 14).
 */
import { baseURL } from "./app-server";
import { expect, hydrated, type Browser, type Page } from "./fixtures";
import { PASSWORD } from "./helpers";

export const VALIDATOR_WORDS = /\b(string|number|int|expected|too big|too small|invalid|nan|undefined)\b|YYYY|HH:MM|<=|>=|\w+\.\d+\.\w+/i;
/** The page's error and alert texts (not the whole page: labels and hints may say "number"). */
export const MESSAGES = ".field-error, .alert-error, [role=alert]";

export type Values = Record<string, string | string[] | undefined>;

/** Fills `values` into the form (by field name) with the browser's checks off, then presses `button`. */
export async function send(page: Page, formSelector: string, values: Values, button?: RegExp) {
  await hydrated(page); // nothing re-renders the fields after this
  await page.evaluate(
    ({ selector, values }) => {
      for (const d of document.querySelectorAll("details")) d.open = true;
      for (const f of document.querySelectorAll("form")) f.noValidate = true;
      const form = document.querySelector(selector);
      if (!form) throw new Error(`no form ${selector}`);
      for (const el of form.querySelectorAll("input, textarea, select")) {
        for (const a of ["required", "min", "max", "minlength", "maxlength", "pattern", "step"]) el.removeAttribute(a);
      }
      for (const [name, value] of Object.entries(values)) {
        if (value === undefined) continue;
        const list = Array.isArray(value) ? value : [value];
        const fields = [...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${name}"]`)];
        if (fields[0] instanceof HTMLInputElement && fields[0].type === "radio") {
          const radio = fields.find((f) => f.value === list[0]) as HTMLInputElement | undefined;
          if (!radio) throw new Error(`no option ${list[0]} for ${name}`);
          radio.click();
          continue;
        }
        list.forEach((v, i) => {
          const el = fields[i];
          if (!el) throw new Error(`no field ${name} #${i}`);
          if (el instanceof HTMLSelectElement) {
            if (![...el.options].some((o) => o.value === v)) el.add(new Option(v, v));
          } else if (el instanceof HTMLInputElement && ["date", "month", "time", "number", "email"].includes(el.type)) {
            el.type = "text";
          }
          const proto = Object.getPrototypeOf(el);
          Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(el, v);
          el.dispatchEvent(new Event("input", { bubbles: true }));
          el.dispatchEvent(new Event("change", { bubbles: true }));
        });
      }
    },
    { selector: formSelector, values },
  );
  const form = page.locator(formSelector).first();
  await (button ? form.getByRole("button", { name: button }) : form.locator('button[type="submit"]:visible').first()).click();
}

/** At least one message appears, and none speaks a validator's language. */
export async function expectOnlyCatalogueMessages(page: Page, what: string) {
  await expect(page.locator(MESSAGES).first(), `${what}: a message`).toBeVisible();
  await page.waitForLoadState("networkidle");
  const texts = (await page.locator(MESSAGES).allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  expect(texts.length, `${what}: messages`).toBeGreaterThan(0);
  for (const text of texts) expect(text, `${what}: "${text}"`).not.toMatch(VALIDATOR_WORDS);
}

export async function signedIn(browser: Browser, email: string, locale: "ko" | "en") {
  const context = await browser.newContext({ baseURL: baseURL() });
  expect((await context.request.post("/api/v1/session", { data: { email, password: PASSWORD } })).status()).toBe(200);
  if (locale === "en") await context.request.post("/lang", { form: { lang: "en", redirectTo: "/" } });
  return context.newPage();
}

/** After a refused submit with JavaScript, focus is on the first field that was refused. */
export async function expectFocusOnFirstError(page: Page, formSelector: string, what: string) {
  await expect
    .poll(
      async () =>
        page.evaluate((selector) => {
          const form = document.querySelector(selector);
          const first = form?.querySelector("[aria-invalid=true]");
          return !!first && document.activeElement === first;
        }, formSelector),
      `${what}: focus on the first refused field`,
    )
    .toBe(true);
}

/** No sideways scrolling at this size. */
export async function expectNoOverflow(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
}
