import { chromium } from "@playwright/test";
import fs from "node:fs";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium-headless-shell" });
const [n, y, h] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const b64 = fs.readFileSync(`/tmp/shots/${n}.png`).toString("base64");
const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
await page.setContent(`<body style="margin:0"><img id=i src="data:image/png;base64,${b64}"></body>`);
await page.screenshot({ fullPage: true, path: `/tmp/shots/${n}-crop.png`, clip: { x: 0, y, width: 1366, height: h } });
await browser.close();
