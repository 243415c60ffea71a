import { describe, expect, it } from "vitest";
import { decisionFormSchema } from "~/modules/meetings/meeting.schema";
import { planFormSchema } from "~/modules/plans/plan.schema";
import { eventFormSchemas } from "~/modules/requests/request.schema";
import { bulkScreeningFormSchema } from "~/modules/screening/screening.schema";
import { parseForm } from "./parse-form";

const form = (entries: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) for (const v of [value].flat()) data.append(name, v);
  return data;
};
const errorsOf = (submission: ReturnType<typeof parseForm>) => (submission.status === "error" ? submission.error : undefined);

describe("the forms moved to Conform last: refusals in the catalogue's words, placed on the field", () => {
  it("return reasons, one per line: none, too many, one too long — all said under the textarea", () => {
    const send = (reasons: string) => errorsOf(parseForm(form({ type: "RETURN", expectedVersion: "2", reasons }), eventFormSchemas.RETURN, "ko"));
    expect(send("")).toEqual({ reasons: ["사유를 하나 이상 넣으세요."] });
    expect(send(Array.from({ length: 21 }, (_, i) => `사유 ${i}`).join("\n"))).toEqual({ reasons: ["사유는 20개까지 넣을 수 있습니다."] });
    expect(send(`첫째\n\n${"가".repeat(2001)}`)).toEqual({ reasons: ["사유 2는 2,000자 이내로 입력하세요."] });
    const ok = parseForm(form({ type: "RETURN", expectedVersion: "2", reasons: " 예산 근거 \n\n데이터 계획 " }), eventFormSchemas.RETURN, "ko");
    expect(ok.status === "success" && ok.value.reasons).toEqual(["예산 근거", "데이터 계획"]);
  });

  it("a version the page set, refused, is said for the whole form (no field shows it)", () => {
    expect(errorsOf(parseForm(form({ type: "START", expectedVersion: "x" }), eventFormSchemas.START, "en"))).toEqual({
      "": ["This page is out of date. Reload it and try again."],
    });
  });

  it("joint plan: blank milestone rows are ignored; half a row is refused on its missing half, in its place", () => {
    const base = { intent: "save", expectedRevision: "0" };
    const blank = parseForm(form({ ...base, "milestones[0].title": "", "milestones[0].dueOn": "", "milestones[1].title": "" }), planFormSchema, "ko");
    expect(blank.status === "success" && blank.value).toMatchObject({ milestones: [], agreedGpus: null, kpis: "" });
    const half = parseForm(form({ ...base, "milestones[0].title": "", "milestones[1].title": "실증 착수" }), planFormSchema, "ko");
    expect(errorsOf(half)).toEqual({ "milestones[1].dueOn": ["마일스톤 2 완료일을 달력에서 고르세요."] });
    const wrong = parseForm(form({ ...base, agreedGpus: "0", "milestones[0].title": "착수", "milestones[0].dueOn": "2027-02-31" }), planFormSchema, "en");
    expect(Object.keys(errorsOf(wrong) ?? {}).sort()).toEqual(["agreedGpus", "milestones[0].dueOn"]);
  });

  it("decisions: conditions only on a conditional approval, an amendment needs its reason, half a condition row is refused", () => {
    const base = { requestId: "r1", expectedVersion: "3", approvedGpus: "10" };
    const plain = parseForm(
      form({ ...base, intent: "decide", outcome: "approve", "conditions[0].text": "보안 점검", "conditions[0].dueOn": "2027-03-31" }),
      decisionFormSchema,
      "ko",
    );
    expect(errorsOf(plain)).toEqual({
      conditions: ["부대 조건은 조건부 승인에만 붙일 수 있습니다. 심의 결과를 조건부 승인으로 바꾸거나 부대 조건을 지우세요."],
    });
    expect(errorsOf(parseForm(form({ ...base, intent: "amend", outcome: "approve" }), decisionFormSchema, "ko"))).toEqual({ reason: ["사유를 입력하세요."] });
    const half = parseForm(form({ ...base, intent: "decide", outcome: "approveWithConditions", "conditions[0].text": "보안 점검" }), decisionFormSchema, "ko");
    expect(errorsOf(half)).toEqual({ "conditions[0].dueOn": ["부대 조건 1 완료일을 달력에서 고르세요."] });
    const none = parseForm(form({ intent: "decide", requestId: "r1", expectedVersion: "3" }), decisionFormSchema, "en");
    expect(Object.keys(errorsOf(none) ?? {}).sort()).toEqual(["approvedGpus", "outcome"]);
  });

  it("GPU counts may carry thousands separators (1,000); anything else that is not a decimal is refused as not digits", () => {
    const decide = (approvedGpus: string) =>
      parseForm(form({ intent: "decide", requestId: "r1", expectedVersion: "3", outcome: "approve", approvedGpus }), decisionFormSchema, "ko");
    for (const [typed, read] of [
      ["1,000", 1000],
      [" 1,024 ", 1024],
      ["12000", 12000],
      ["1,000,000", 1_000_000],
    ] as const) {
      const result = decide(typed);
      expect(result.status === "success" && result.value.approvedGpus, typed).toBe(read);
    }
    for (const typed of ["1,2,3", "10장", "1e3", "0x10", "1,00", "Infinity"]) {
      expect(errorsOf(decide(typed)), typed).toEqual({ approvedGpus: ["승인 GPU 수에 숫자만 입력하세요."] });
    }
    const plan = parseForm(form({ intent: "save", expectedRevision: "0", agreedGpus: "2,048" }), planFormSchema, "en");
    expect(plan.status === "success" && plan.value.agreedGpus).toBe(2048);
  });

  it("bulk screening: nothing ticked, a return without a reason", () => {
    expect(errorsOf(parseForm(form({ intent: "ACCEPT" }), bulkScreeningFormSchema, "ko"))).toEqual({ select: ["처리할 요청을 하나 이상 고르세요."] });
    expect(errorsOf(parseForm(form({ intent: "RETURN", select: "r1:2" }), bulkScreeningFormSchema, "ko"))).toEqual({
      returnReasons: ["보완 요청 사유를 하나 이상 고르거나 적으세요."],
    });
    const ok = parseForm(form({ intent: "RETURN", select: ["r1:2", "r2:5"], returnReasons: "kpi", otherReasons: "예산\n" }), bulkScreeningFormSchema, "ko");
    expect(ok.status === "success" && ok.value).toMatchObject({ select: ["r1:2", "r2:5"], returnReasons: ["kpi"], otherReasons: ["예산"] });
  });
});
