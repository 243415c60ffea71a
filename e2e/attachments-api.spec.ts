import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "./fixtures";
import { queryOne } from "./db";
import { apiAs } from "./helpers";
import { monthFromNow } from "./dates";

const MB = 1024 * 1024;
const dataDir = () => process.env.E2E_DATA_DIR!;
const storedFiles = () =>
  ["attachments", "uploads-tmp"].flatMap((d) => (existsSync(path.join(dataDir(), d)) ? readdirSync(path.join(dataDir(), d)).map((f) => `${d}/${f}`) : []));

async function attachmentRows(requestId: string): Promise<number> {
  return (await queryOne<{ n: number }>('SELECT count(*) AS n FROM "Attachment" WHERE "requestId" = ?', [requestId]))!.n;
}

const pdf = (size: number) => {
  const buffer = Buffer.alloc(size, 0x20);
  buffer.write("%PDF-1.7\n", 0, "latin1");
  return buffer;
};
const upload = (ctx: APIRequestContext, requestId: string, name: string, buffer: Buffer, mimeType = "application/pdf") =>
  ctx.post(`/api/v1/requests/${requestId}/attachments`, { multipart: { file: { name, mimeType, buffer } } });

test("bad uploads get 413/415 and leave no file and no row; a good one is stored, listed and downloadable", async () => {
  test.setTimeout(60_000);
  const officer = await apiAs("officer@mohw.go.kr");
  const { id } = await (await officer.post("/api/v1/requests", { data: { title: "첨부 파일 시험 요청" } })).json();
  const before = storedFiles();

  const tooLarge = await upload(officer, id, "big.pdf", pdf(20 * MB + 1));
  expect(tooLarge.status()).toBe(413);
  expect((await tooLarge.json()).error).toMatchObject({ code: "FILE_TOO_LARGE", message: expect.stringContaining("20MB") });
  expect(storedFiles()).toEqual(before);
  expect(await attachmentRows(id)).toBe(0);

  const exe = Buffer.alloc(20 * MB, 0);
  exe.write("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", 0, "latin1");
  const renamed = await upload(officer, id, "사업계획서.pdf", exe);
  expect(renamed.status()).toBe(415);
  expect((await renamed.json()).error.code).toBe("UNSUPPORTED_TYPE");
  expect(storedFiles()).toEqual(before);
  expect(await attachmentRows(id)).toBe(0);

  const notMultipart = await officer.post(`/api/v1/requests/${id}/attachments`, { data: { file: "x" } });
  expect(notMultipart.status()).toBe(415); // the upload takes multipart only (issue 12)

  const good = await upload(officer, id, "사업계획서 (최종).pdf", pdf(3000));
  expect(good.status()).toBe(201);
  const created = await good.json();
  expect(created).toMatchObject({ name: "사업계획서 (최종).pdf", size: 3000, type: "application/pdf" });
  expect(await attachmentRows(id)).toBe(1);
  expect(storedFiles().filter((f) => !before.includes(f))).toEqual([expect.stringMatching(/^attachments\//)]);

  const list = await (await officer.get(`/api/v1/requests/${id}/attachments`)).json();
  expect(list.items).toEqual([expect.objectContaining({ id: created.id, name: "사업계획서 (최종).pdf", size: 3000, type: "application/pdf" })]);

  const download = await officer.get(`/api/v1/requests/${id}/attachments/${created.id}`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(download.headers()["content-disposition"]).toBe(
    `attachment; filename="_____ (__).pdf"; filename*=UTF-8''${encodeURIComponent("사업계획서")}%20%28%EC%B5%9C%EC%A2%85%29.pdf`,
  );
  expect((await download.body()).equals(pdf(3000))).toBe(true);

  const history = await (await officer.get(`/api/v1/requests/${id}/history`)).json();
  expect(history.at(-1)).toMatchObject({ type: "ATTACH", payload: { attachmentId: created.id, name: "사업계획서 (최종).pdf", size: 3000 } });
});

test("attachments follow the request's visibility; delete only by the ministry while editable; at most 10 files", async () => {
  test.setTimeout(60_000);
  const officer = await apiAs("officer@mohw.go.kr");
  const outsider = await apiAs("officer@mnd.go.kr");
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const { id } = await (await officer.post("/api/v1/requests", { data: { title: "첨부 권한 시험 요청" } })).json();
  const file = await (await upload(officer, id, "chart.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), "image/png")).json();
  const url = `/api/v1/requests/${id}/attachments/${file.id}`;

  // Another ministry can't tell the request or the file exists.
  expect((await outsider.get(`/api/v1/requests/${id}/attachments`)).status()).toBe(404);
  expect((await outsider.get(url)).status()).toBe(404);
  expect((await outsider.delete(url)).status()).toBe(404);
  expect((await upload(outsider, id, "x.pdf", pdf(100))).status()).toBe(404);
  // The secretariat sees it but may not change it.
  expect((await secretariat.get(url)).status()).toBe(200);
  expect((await secretariat.delete(url)).status()).toBe(403);
  expect((await upload(secretariat, id, "x.pdf", pdf(100))).status()).toBe(403);
  // An attachment id under the wrong request is not found.
  const { id: other } = await (await officer.post("/api/v1/requests", { data: { title: "다른 요청입니다" } })).json();
  expect((await officer.get(`/api/v1/requests/${other}/attachments/${file.id}`)).status()).toBe(404);

  for (let i = 1; i < 10; i++) expect((await upload(officer, id, `첨부${i}.pdf`, pdf(100))).status()).toBe(201);
  const eleventh = await upload(officer, id, "열한번째.pdf", pdf(100));
  expect(eleventh.status()).toBe(422);
  expect((await eleventh.json()).error.code).toBe("TOO_MANY_FILES");
  expect(await attachmentRows(id)).toBe(10);

  expect((await officer.delete(url)).status()).toBe(204);
  expect((await officer.get(url)).status()).toBe(404);
  expect(await attachmentRows(id)).toBe(9);
  const history = await (await officer.get(`/api/v1/requests/${id}/history`)).json();
  expect(history.at(-1)).toMatchObject({ type: "DETACH", payload: { attachmentId: file.id, name: "chart.png" } });

  // Once submitted (not editable) nothing can be added or removed.
  await officer.patch(`/api/v1/requests/${id}`, {
    data: {
      expectedVersion: 1,
      domain: "HEALTH",
      sector: "INDUSTRY",
      problemStatement: "첨부 파일 권한을 시험하기 위한 문제 정의입니다.",
      aiWork: "RESEARCH",
      gpusRequested: 8,
      desiredStartMonth: monthFromNow(37),
      durationMonths: 6,
      dataReadiness: "READY",
      npuCapable: false,
      expectedOutcomes: "시험이 통과합니다.",
      budgetKrw: 0,
      contactName: "최보건",
      contactEmail: "officer@mohw.go.kr",
    },
  });
  expect((await officer.post(`/api/v1/requests/${id}/events`, { data: { type: "SUBMIT", expectedVersion: 2 } })).status()).toBe(200);
  const remaining = (await (await officer.get(`/api/v1/requests/${id}/attachments`)).json()).items;
  const locked = await officer.delete(`/api/v1/requests/${id}/attachments/${remaining[0].id}`);
  expect(locked.status()).toBe(422);
  expect((await upload(officer, id, "late.pdf", pdf(100))).status()).toBe(422);
  expect(await attachmentRows(id)).toBe(9);
});
