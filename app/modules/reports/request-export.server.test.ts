import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, fileAndSubmit, userByEmail } from "~/modules/seed/drive.server";
import { createRequest } from "~/modules/requests/requests.server";
import { listRequests } from "~/modules/requests/request-list.server";
import type { ListQuery } from "~/modules/requests/request.schema";
import { listedRequests, requestExportColumns } from "./request-export.server";
import { csvStream, xlsxStream } from "./table-files.server";

type User = Awaited<ReturnType<typeof userByEmail>>;
let mohw: User, mnd: User, secretariat: User;

beforeAll(async () => {
  await seedUsers();
  [mohw, mnd, secretariat] = await Promise.all(["officer@mohw.go.kr", "officer@mnd.go.kr", SECRETARIAT_EMAIL].map(userByEmail));
  await fileAndSubmit(mohw, { title: '=HYPERLINK("http://x") 수식 같은 제목', gpusRequested: 1024, budgetKrw: 3_500_000_000 });
  await fileAndSubmit(mohw, { title: '쉼표, 따옴표" 그리고\n줄바꿈', gpusRequested: 8, sector: "NATIONAL_PROJECT" });
  for (let i = 0; i < 5; i++) await createRequest({ user: mohw, fields: { title: `초안 과제 ${i}`, gpusRequested: 10 + i } });
  await fileAndSubmit(mnd, { title: "국방 과제", gpusRequested: 64 });
});

async function exported(user: User, query: ListQuery, batchSize = 2) {
  const rows = [];
  for await (const batch of listedRequests(user, query, batchSize)) rows.push(...batch);
  return rows;
}

async function pagedList(user: User, query: ListQuery) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listRequests({ user, query: { ...query, cursor, limit: 3 } });
    ids.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) return { ids, total: page.total };
    cursor = page.nextCursor;
  }
}

describe("request export", () => {
  it("has the list's rows in the list's order, for every filter and sort, across batches", async () => {
    for (const [user, query] of [
      [mohw, {}],
      [mohw, { sort: "gpus" }],
      [mohw, { sort: "title" }],
      [mohw, { state: "draft", sort: "oldest" }],
      [secretariat, {}],
      [secretariat, { ministry: "MND" }],
      [secretariat, { q: "과제" }],
      [secretariat, { sector: "NATIONAL_PROJECT" }],
    ] as [User, ListQuery][]) {
      expect(
        (await exported(user, query)).map((r) => r.id),
        JSON.stringify(query),
      ).toEqual((await pagedList(user, query)).ids);
    }
  });

  it("never includes another ministry's requests", async () => {
    const rows = await exported(mohw, { ministry: "MND" });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.organization.nameKo === "보건복지부")).toBe(true);
  });

  it("writes a CSV for Excel: BOM, Korean headers, quoted text, formula guard", async () => {
    const sheet = { name: "요청", columns: requestExportColumns("ko"), rows: listedRequests(mohw, { sort: "gpus" }) };
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(csvStream(sheet, "ko")).arrayBuffer());
    expect(text.startsWith("\uFEFF접수번호,제목,부처,단계")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://x"") 수식 같은 제목",보건복지부,사무국 검토 중,`);
    expect(lines[1]).toContain(",1024,");
    expect(lines[1]).toContain(",3500000000,");
    expect(text).toContain('"쉼표, 따옴표"" 그리고\n줄바꿈"');
  });

  it("writes a workbook with typed numbers and dates, a frozen bold header and widths", async () => {
    const sheet = { name: "요청 목록", columns: requestExportColumns("ko"), rows: listedRequests(mohw, { sort: "gpus" }) };
    const bytes = Buffer.from(await new Response(xlsxStream([sheet], "ko")).arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = book.getWorksheet("요청 목록")!;
    expect(ws.rowCount).toBe(1 + 7);
    expect(ws.getRow(1).getCell(1).value).toBe("접수번호");
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getColumn(2).width).toBe(40);
    const first = ws.getRow(2);
    expect(first.getCell(2).value).toBe('=HYPERLINK("http://x") 수식 같은 제목'); // a string cell, not a formula
    expect(first.getCell(8).value).toBe(1024);
    expect(first.getCell(15).value).toBe(3_500_000_000);
    expect(first.getCell(11).value).toBeInstanceOf(Date);
    expect(first.getCell(18).value).toBeInstanceOf(Date);
    expect(first.getCell(14).value).toBe("아니오");
  });
});
