import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:3461";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
async function session(email, lang) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang === "en" ? "en-US" : "ko-KR" });
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error") console.log("console:", m.text()); });
  page.on("pageerror", (e) => console.log("pageerror:", e.message));
  await page.goto(base + "/login");
  await page.getByLabel(/이메일|Email/).fill(email);
  await page.getByLabel(/비밀번호|Password/).fill("ax-demo-2026");
  await page.getByRole("button", { name: /^(로그인|Sign in)$/ }).click();
  await page.waitForSelector('[data-testid="header-user"]');
  if (lang === "en") {
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForLoadState("networkidle");
  }
  return page;
}
const [who, lang, ...paths] = process.argv.slice(2);
const page = await session(who, lang);
for (const p of paths) {
  await page.goto(base + p);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  const name = p.replace(/[^a-z0-9]+/gi, "_");
  await page.screenshot({ path: `/tmp/ax6/shots/${lang}${name}.png`, fullPage: true });
  console.log("shot", name, await page.title());
}
await browser.close();
