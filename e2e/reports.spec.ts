import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "./fixtures";
import { apiAs, decidedRequest, signIn, submittedRequest } from "./helpers";
import { dayFromNow } from "./dates";

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [],
    field = "",
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function downloadOf(page: Page, name: RegExp) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return { file: await download.path(), name: download.suggestedFilename() };
}

test("the secretariat filters the list and takes it away as CSV and XLSX with the same rows", async ({ page }) => {
  const tag = `내보내기${Date.now().toString(36)}`;
  const gpus = [16, 250, 1200];
  for (const [i, g] of gpus.entries())
    await submittedRequest({ title: `${tag} 의료영상 과제 ${i + 1}, "따옴표"`, gpus: g, sector: i === 2 ? "INDUSTRY" : "NATIONAL_PROJECT" });
  await submittedRequest({ title: `${tag} 다른 분야`, gpus: 8, sector: "ACADEMIA_RESEARCH" });

  await signIn(page, "secretariat@msit.go.kr");
  await page.goto("/requests");
  await page.getByLabel("제목 또는 접수번호 검색").fill(tag);
  await page.getByLabel("분야", { exact: true }).selectOption("NATIONAL_PROJECT");
  await page.getByRole("button", { name: "적용" }).click();
  await expect(page.getByTestId("result-count")).toHaveText("2건");

  const csv = await downloadOf(page, /CSV 내려받기/);
  expect(csv.name).toMatch(/\.csv$/);
  const bytes = readFileSync(csv.file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
  const rows = parseCsv(bytes.subarray(3).toString("utf8"));
  expect(rows[0].slice(0, 4)).toEqual(["접수번호", "제목", "부처", "단계"]);
  const data = rows.slice(1);
  expect(data).toHaveLength(2); // = the list's total
  expect(data.map((r) => r[1]).sort()).toEqual([`${tag} 의료영상 과제 1, "따옴표"`, `${tag} 의료영상 과제 2, "따옴표"`]);
  expect(data.every((r) => r[2] === "보건복지부" && r[3] === "사무국 검토 중" && r[4] === "국가 AI 프로젝트")).toBe(true);
  expect(data.map((r) => r[7]).sort()).toEqual(["16", "250"]);

  const xlsx = await downloadOf(page, /엑셀\(XLSX\) 내려받기/);
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsx.file);
  const sheet = book.worksheets[0];
  expect(sheet.name).toBe("요청 목록");
  expect(sheet.rowCount).toBe(1 + 2);
  expect(sheet.getRow(1).getCell(2).value).toBe("제목");
  expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  const titles = [2, 3].map((r) => sheet.getRow(r).getCell(2).value);
  expect(titles.sort()).toEqual([`${tag} 의료영상 과제 1, "따옴표"`, `${tag} 의료영상 과제 2, "따옴표"`]);
  const requested = [2, 3].map((r) => sheet.getRow(r).getCell(8).value);
  expect(requested.every((v) => typeof v === "number")).toBe(true); // typed numbers, not text
  expect((requested as number[]).sort((a, b) => a - b)).toEqual([16, 250]);
  expect(sheet.getRow(2).getCell(15).value).toBe(900_000_000);
  expect(sheet.getRow(2).getCell(18).value).toBeInstanceOf(Date); // submitted at: a real date
});

test("a ministry's export holds only its own requests, whatever the address asks", async () => {
  const tag = `범위${Date.now().toString(36)}`;
  await submittedRequest({ title: `${tag} 보건 과제` });
  const mnd = await apiAs("officer@mnd.go.kr");
  const res = await mnd.get(`/requests/export.csv?q=${encodeURIComponent(tag)}&ministry=MOHW`);
  expect(res.status()).toBe(200);
  expect(parseCsv((await res.text()).replace(/^\uFEFF/, ""))).toHaveLength(1); // the header only
  const secretariat = await apiAs("secretariat@msit.go.kr");
  expect(parseCsv((await (await secretariat.get(`/requests/export.csv?q=${encodeURIComponent(tag)}`)).text()).replace(/^\uFEFF/, ""))).toHaveLength(2);
  expect((await secretariat.get("/requests/export.xlsx?state=nonsense")).status()).toBe(422);
});

test("the decision notice PDF carries the reference, the title and the decision in Korean", async ({ page }) => {
  const title = `디지털 병리 판독 실증 ${Date.now().toString(36)}`;
  const { id } = await decidedRequest(
    { title, gpus: 96 },
    {
      outcome: "approveWithConditions",
      approvedGpus: 80,
      conditions: [{ text: "반출 데이터 보안 점검 결과 제출", dueOn: dayFromNow(60) }],
    },
  );
  const officer = await apiAs("officer@mohw.go.kr");
  const { reference } = await (await officer.get(`/api/v1/requests/${id}`)).json();

  await signIn(page, "officer@mohw.go.kr");
  await page.goto(`/requests/${id}`);
  const pdf = await downloadOf(page, /심의 결과 통지서\(PDF\)/);
  expect(pdf.name).toMatch(/\.pdf$/);
  expect(readFileSync(pdf.file).subarray(0, 5).toString()).toBe("%PDF-");
  const text = execFileSync("pdftotext", ["-layout", pdf.file, "-"], { encoding: "utf8" });
  for (const part of ["심의 결과 통지서", reference, title, "조건부 승인", "반출 데이터 보안 점검 결과 제출", "80"]) expect(text).toContain(part);

  // another ministry can't have it, and a request without a decision has no notice
  expect((await (await apiAs("officer@mnd.go.kr")).get(`/requests/${id}/decision.pdf`)).status()).toBe(404);
  const pending = await submittedRequest({ title: `심의 전 과제 ${Date.now().toString(36)}` });
  expect((await officer.get(`/requests/${pending}/decision.pdf`)).status()).toBe(404);
});

test("minutes, joint plan and pool come out as files for those who may read them", async () => {
  const { id, meetingId } = await decidedRequest({ title: `회의록 확인 과제 ${Date.now().toString(36)}`, gpus: 32 }, { outcome: "approve", approvedGpus: 32 });
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const minutes = await secretariat.get(`/meetings/${meetingId}/minutes.pdf`);
  expect(minutes.status()).toBe(200);
  expect(minutes.headers()["content-type"]).toBe("application/pdf");
  const plan = await secretariat.get(`/requests/${id}/plan.pdf`);
  expect(plan.status()).toBe(200);
  const pool = await secretariat.get("/pool/export.xlsx");
  expect(pool.status()).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await pool.body()) as unknown as ArrayBuffer);
  expect(book.worksheets.map((w) => w.name)).toEqual(["물량(도입 차수)", "배분"]);
  const officer = await apiAs("officer@mohw.go.kr");
  expect((await officer.get(`/meetings/${meetingId}/minutes.pdf`)).status()).toBe(404);
  expect((await officer.get("/pool/export.xlsx")).status()).toBe(404);
});
