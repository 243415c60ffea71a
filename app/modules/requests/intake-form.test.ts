import { describe, expect, test } from "vitest";
import { parseIntakeForm } from "./intake-form";

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
};

const complete = {
  title: "감염병 확산 예측 AI 실증",
  domain: "HEALTH",
  sector: "NATIONAL_PROJECT",
  problemStatement: "감염병 유행 시 병상과 인력 배치를 미리 계획할 수 있는 예측 모델이 없습니다.",
  aiWork: "FOUNDATION_TRAINING",
  gpusRequested: "1,024",
  desiredStartMonth: "2027-04",
  durationMonths: "18",
  dataReadiness: "PARTIAL",
  npuCapable: "false",
  expectedOutcomes: "예측 정확도 85% 이상",
  budgetKrw: "3,000,000,000",
  contactName: "최보건",
  contactEmail: "officer@mohw.go.kr",
};

const errorsOf = (result: ReturnType<typeof parseIntakeForm>) => (result.status === "success" ? {} : (result.error ?? {}));

describe("parseIntakeForm: one schema, two strictness levels", () => {
  test("save accepts a partial draft and ignores blank fields", () => {
    const result = parseIntakeForm(form({ intent: "save", title: "감염병 확산 예측 AI", domain: "", budgetKrw: " " }), "ko");
    expect(result.status).toBe("success");
    expect(result.status === "success" && result.value).toEqual({ intent: "save", title: "감염병 확산 예측 AI" });
  });

  test("save still checks the format of what is given, in the page language", () => {
    const ko = parseIntakeForm(form({ intent: "save", title: "짧음", gpusRequested: "0" }), "ko");
    expect(ko.status).toBe("error");
    expect(Object.keys(errorsOf(ko)).sort()).toEqual(["gpusRequested", "title"]);
    const en = parseIntakeForm(form({ intent: "save", domain: "MOON" }), "en");
    expect(errorsOf(en).domain).toEqual(["Choose the domain from the list."]);
    expect(errorsOf(ko).title).toEqual(["제목은 5자 이상 입력하세요."]);
    expect(errorsOf(ko).gpusRequested).toEqual(["요청 GPU 수는 1 이상으로 입력하세요."]);
  });

  test("submit names every missing field in words (catalogue)", () => {
    const result = parseIntakeForm(form({ intent: "submit", title: "감염병 확산 예측 AI" }), "ko");
    expect(result.status).toBe("error");
    const missing = Object.keys(errorsOf(result)).sort();
    expect(missing).toEqual(
      Object.keys(complete)
        .filter((k) => k !== "title")
        .sort(),
    );
    expect(errorsOf(result).domain).toEqual(["도메인을 고르세요."]);
    expect(errorsOf(result).problemStatement).toEqual(["문제 정의를 입력하세요."]);
  });

  test("submit of a complete form coerces numbers with thousands separators and the yes/no radio", () => {
    const result = parseIntakeForm(form({ intent: "submit", expectedVersion: "3", ...complete }), "ko");
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value).toMatchObject({ gpusRequested: 1024, budgetKrw: 3_000_000_000, durationMonths: 18, npuCapable: false, expectedVersion: 3 });
    const yes = parseIntakeForm(form({ intent: "submit", ...complete, npuCapable: "true" }), "ko");
    expect(yes.status === "success" && yes.value.npuCapable).toBe(true);
  });

  test("unknown fields are refused, as in the API", () => {
    const result = parseIntakeForm(form({ intent: "save", title: "감염병 확산 예측 AI", isAdmin: "true" }), "en");
    expect(result.status).toBe("error");
  });
});
