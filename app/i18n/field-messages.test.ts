import { describe, expect, it } from "vitest";
import { z } from "zod";
import { completeIntakeSchema } from "~/modules/requests/request.schema";
import { putPlanSchema } from "~/modules/plans/plan.schema";
import { createTrancheSchema } from "~/modules/pool/pool.schema";
import { createMeetingSchema } from "~/modules/meetings/meeting.schema";
import { bulkScreeningSchema } from "~/modules/screening/screening.schema";
import { fieldErrorMap, fieldMessages, particles } from "./field-messages";

/** Words of zod's own messages (and format hints) that must never reach a person. */
export const VALIDATOR_WORDS = /\b(string|number|int|expected|too big|too small|yyyy|invalid|nan|undefined)\b|YYYY|HH:MM|<=|>=/i;

function messages(schema: z.ZodType, value: unknown, locale: "ko" | "en") {
  const result = schema.safeParse(value, { error: fieldErrorMap(locale), reportInput: true });
  if (result.success) throw new Error("expected a refusal");
  return { mapped: Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message])), remade: fieldMessages(result.error, locale) };
}

describe("field messages", () => {
  it("picks Korean particles by the final consonant", () => {
    expect(particles("제목").eun).toBe("은");
    expect(particles("완료일").eul).toBe("을");
    expect(particles("사유").eun).toBe("는");
    expect(particles("성과지표(KPI)").eun).toBe("는");
  });

  it("names the field and says what to do, in both languages", () => {
    const bad = {
      title: "x".repeat(201),
      gpusRequested: 1.5,
      desiredStartMonth: "2027-3",
      budgetKrw: 2 ** 60,
      contactEmail: "no",
      npuCapable: "maybe",
      domain: "NOPE",
    };
    const ko = messages(completeIntakeSchema, bad, "ko").mapped;
    expect(ko.title).toBe("제목은 200자 이내로 입력하세요.");
    expect(ko.desiredStartMonth).toBe("희망 시작 월을 달력에서 연도와 월로 고르세요.");
    expect(ko.problemStatement).toBe("문제 정의를 입력하세요.");
    expect(ko.domain).toBe("도메인을 목록에서 고르세요.");
    const en = messages(completeIntakeSchema, bad, "en").mapped;
    expect(en.title).toBe("Enter the title in 200 characters or fewer.");
    for (const m of [...Object.values(ko), ...Object.values(en)]) expect(m).not.toMatch(VALIDATOR_WORDS);
  });

  it("names nested fields in words (milestone 1 due date)", () => {
    const plan = {
      expectedRevision: 0,
      techDevelopmentPlan: "",
      demonstrationPlan: "",
      kpis: "",
      agreedGpus: 99999999,
      ministryContact: "",
      msitContact: "",
      milestones: [
        { title: "a", dueOn: "2027-02-31" },
        { title: "", dueOn: "31/03/2027" },
      ],
    };
    const { mapped, remade } = messages(putPlanSchema, plan, "ko");
    expect(mapped["milestones.0.dueOn"]).toBe("마일스톤 1 완료일을 달력에서 고르세요.");
    expect(mapped["milestones.1.title"]).toBe("마일스톤 2 제목을 입력하세요.");
    expect(mapped.agreedGpus).toBe("합의 GPU 수는 10,000 이하로 입력하세요.");
    expect(remade["milestones.0.dueOn"]).toBe(mapped["milestones.0.dueOn"]);
    const en = messages(putPlanSchema, plan, "en").mapped;
    expect(en["milestones.0.dueOn"]).toBe("Pick the milestone 1 due date from the calendar.");
  });

  it("covers the other forms' schemas without validator words", () => {
    const cases: [z.ZodType, unknown][] = [
      [createTrancheSchema, { label: "", arrivalMonth: "13/2027", capacity: -1, gpuModel: "\ud800" }],
      [createMeetingSchema, { number: Number.NaN, date: "2027-02-30", startTime: "25:00", title: "a", place: "" }],
      [
        bulkScreeningSchema,
        {
          action: "RETURN",
          items: [
            { requestId: "a", expectedVersion: 1 },
            { requestId: "a", expectedVersion: 1 },
          ],
        },
      ],
      [completeIntakeSchema, {}],
    ];
    for (const [schema, value] of cases) {
      for (const locale of ["ko", "en"] as const) {
        const { mapped, remade } = messages(schema, value, locale);
        for (const m of [...Object.values(mapped), ...Object.values(remade)]) expect(m).not.toMatch(VALIDATOR_WORDS);
      }
    }
    expect(messages(bulkScreeningSchema, { action: "RETURN", items: [{ requestId: "a", expectedVersion: 1 }] }, "ko").mapped.reasons).toBe(
      "사유를 하나 이상 넣으세요.",
    );
  });
});

describe("plurals", () => {
  it("says 1 request, 2 requests, 1,024 requests", async () => {
    const { translate } = await import("./translate");
    expect(translate("en", "requestList.resultCount", { count: 1 })).toBe("1 request");
    expect(translate("en", "requestList.resultCount", { count: 2 })).toBe("2 requests");
    expect(translate("en", "requestList.resultCount", { count: "1,024" })).toBe("1,024 requests");
    expect(translate("en", "inbox.headerCount", { count: 1 })).toBe("1 thing to do");
    expect(translate("en", "inbox.headerCount", { count: "14,292" })).toBe("14,292 things to do");
    expect(translate("en", "notify.bell.label", { count: 1 })).toBe("1 unread notification");
    expect(translate("en", "notify.bell.label", { count: "1,200" })).toBe("1,200 unread notifications");
  });
});
