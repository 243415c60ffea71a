import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { rejection, seedUsers } from "~/test/fixtures";
import { SECRETARIAT_EMAIL, driveRequestToApproved, fileAndSubmit, userByEmail } from "~/modules/seed/drive.server";
import { db } from "~/utils/db.server";
import { decisionNoticePdf, jointPlanPdf, minutesPdf } from "./documents.server";

type User = Awaited<ReturnType<typeof userByEmail>>;
let mohw: User, mnd: User, secretariat: User;
let decided: { requestId: string; meetingId: string };
let reference: string;

/** The text of a PDF as `pdftotext` (Debian's poppler-utils) extracts it. */
function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "pdf-")), "doc.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}
const hasPdftotext = existsSync("/usr/bin/pdftotext");

beforeAll(async () => {
  await seedUsers();
  [mohw, mnd, secretariat] = await Promise.all(["officer@mohw.go.kr", "officer@mnd.go.kr", SECRETARIAT_EMAIL].map(userByEmail));
  decided = await driveRequestToApproved({
    officerEmail: "officer@mohw.go.kr",
    agreedGpus: 96,
    approvedGpus: 80,
    outcome: "approveWithConditions",
    fields: { title: "응급실 환자 분류 AI 실증" },
    conditions: [{ text: "개인정보 영향평가 결과를 제출할 것", dueOn: "2027-03-31" }],
  });
  reference = (await db.demandRequest.findUniqueOrThrow({ where: { id: decided.requestId }, select: { reference: true } })).reference!;
});

describe.skipIf(!hasPdftotext)("server PDFs (text read back with pdftotext)", () => {
  it("decision notice: A4, Korean text embedded and extractable, reference, title, decision and conditions", async () => {
    const { pdf, fileName } = await decisionNoticePdf({ user: mohw, requestId: decided.requestId, locale: "ko" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const text = pdfText(pdf);
    for (const part of ["심의 결과 통지서", reference, "응급실 환자 분류 AI 실증", "조건부 승인", "개인정보 영향평가 결과를 제출할 것", "보건복지부"])
      expect(text).toContain(part);
    expect(fileName).toContain(reference);
    expect(pdfText((await decisionNoticePdf({ user: secretariat, requestId: decided.requestId, locale: "en" })).pdf)).toContain("Approve with conditions");
  });

  it("minutes and joint plan: items, outcome, revision and both signatures", async () => {
    const minutes = pdfText((await minutesPdf({ user: secretariat, meetingId: decided.meetingId, locale: "ko" })).pdf);
    for (const part of ["회의록", "응급실 환자 분류 AI 실증", "조건부 승인", "초안"]) expect(minutes).toContain(part);
    const plan = pdfText((await jointPlanPdf({ user: mohw, requestId: decided.requestId, locale: "ko" })).pdf);
    for (const part of ["기술개발·실증계획서", "제1차안", "부처", "과기정통부", "96"]) expect(plan).toContain(part);
    expect(plan).not.toContain("서명 전");
  });
});

describe("server PDFs: who may have them", () => {
  it("404 for another ministry, for officers asking for minutes, and before a decision took effect", async () => {
    expect((await rejection(decisionNoticePdf({ user: mnd, requestId: decided.requestId, locale: "ko" }))).status).toBe(404);
    expect((await rejection(jointPlanPdf({ user: mnd, requestId: decided.requestId, locale: "ko" }))).status).toBe(404);
    expect((await rejection(minutesPdf({ user: mohw, meetingId: decided.meetingId, locale: "ko" }))).status).toBe(404);
    const pending = await fileAndSubmit(mohw, { title: "아직 심의 전인 과제" });
    expect((await rejection(decisionNoticePdf({ user: secretariat, requestId: pending, locale: "ko" }))).status).toBe(404);
    expect((await rejection(jointPlanPdf({ user: secretariat, requestId: pending, locale: "ko" }))).status).toBe(404);
  });
});
