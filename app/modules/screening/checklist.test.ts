import { describe, expect, it } from "vitest";
import { checkGpuPlausibility, screeningChecklist } from "./checklist";

const complete = {
  title: "의료영상 판독 보조 AI 실증",
  domain: "HEALTH",
  sector: "INDUSTRY",
  problemStatement: "지역 병원의 영상 판독 인력이 부족하여 판독 대기 시간이 길어지고 있습니다.",
  aiWork: "FINE_TUNING",
  gpusRequested: 64,
  desiredStartMonth: "2027-03",
  durationMonths: 12,
  dataReadiness: "PARTIAL",
  npuCapable: true,
  expectedOutcomes: "판독 대기 시간 30% 단축",
  budgetKrw: 1_500_000_000n,
  contactName: "최보건",
  contactEmail: "officer@mohw.go.kr",
};

const byKey = (result: ReturnType<typeof screeningChecklist>) => Object.fromEntries(result.checks.map((c) => [c.key, c]));

describe("screeningChecklist", () => {
  it("passes a complete request with an attachment (stored bigint budget included)", () => {
    const result = screeningChecklist({ fields: complete, attachmentCount: 2 });
    expect(result.ok).toBe(true);
    expect(result.checks.map((c) => c.key)).toEqual(["intake", "attachment", "dataReadiness", "gpuPlausible", "npuAnswered"]);
    expect(byKey(result).attachment.detail).toEqual({ key: "screening.check.attachmentCount", params: { count: 2 } });
    expect(byKey(result).npuAnswered.detail?.key).toBe("screening.check.npuYes");
  });

  it("names the missing intake fields and fails each dependent check on its own", () => {
    const result = screeningChecklist({
      fields: { ...complete, dataReadiness: null, npuCapable: null, contactEmail: "not-an-email" },
      attachmentCount: 0,
    });
    expect(result.ok).toBe(false);
    const checks = byKey(result);
    expect(checks.intake.ok).toBe(false);
    expect(checks.intake.missing?.sort()).toEqual(["contactEmail", "dataReadiness", "npuCapable"]);
    expect(checks.attachment).toMatchObject({ ok: false, detail: { key: "screening.check.attachmentNone" } });
    expect(checks.dataReadiness).toMatchObject({ ok: false, detail: { key: "screening.check.notAnswered" } });
    expect(checks.npuAnswered.ok).toBe(false);
    expect(checks.gpuPlausible.ok).toBe(true);
  });

  it("treats npuCapable=false as an answer", () => {
    expect(byKey(screeningChecklist({ fields: { ...complete, npuCapable: false }, attachmentCount: 1 })).npuAnswered).toMatchObject({
      ok: true,
      detail: { key: "screening.check.npuNo" },
    });
  });
});

describe("checkGpuPlausibility", () => {
  it.each([
    [{ sector: "INDUSTRY", gpusRequested: 1_000, durationMonths: 12, aiWork: "FINE_TUNING" }, true, "screening.check.gpuOk"],
    [{ sector: "INDUSTRY", gpusRequested: 1_001, durationMonths: 1, aiWork: "FINE_TUNING" }, false, "screening.check.gpuOverCeiling.INDUSTRY"],
    [{ sector: "ACADEMIA_RESEARCH", gpusRequested: 600, durationMonths: 2, aiWork: "RESEARCH" }, false, "screening.check.gpuOverCeiling.ACADEMIA_RESEARCH"],
    [{ sector: "NATIONAL_PROJECT", gpusRequested: 4_000, durationMonths: 12, aiWork: "FOUNDATION_TRAINING" }, true, "screening.check.gpuOk"],
    [{ sector: "NATIONAL_PROJECT", gpusRequested: 4_000, durationMonths: 13, aiWork: "FOUNDATION_TRAINING" }, false, "screening.check.gpuMonthsTooLarge"],
    [{ sector: "ACADEMIA_RESEARCH", gpusRequested: 500, durationMonths: 24, aiWork: "RESEARCH" }, false, "screening.check.gpuMonthsTooLarge"],
    [{ sector: "INDUSTRY", gpusRequested: 2, durationMonths: 3, aiWork: "INFERENCE_SERVICE" }, false, "screening.check.gpuMonthsTooSmall"],
    [{ sector: "INDUSTRY", gpusRequested: 8, durationMonths: 1, aiWork: "INFERENCE_SERVICE" }, true, "screening.check.gpuOk"],
    [{ sector: "INDUSTRY", gpusRequested: 32, durationMonths: 12, aiWork: "FOUNDATION_TRAINING" }, false, "screening.check.foundationTooSmall"],
    [{ sector: null, gpusRequested: 32, durationMonths: 12, aiWork: "FINE_TUNING" }, false, "screening.check.gpuUnknown"],
  ])("%o → ok=%s (%s)", (fields, ok, key) => {
    const result = checkGpuPlausibility(fields);
    expect(result.ok).toBe(ok);
    expect(result.detail?.key).toBe(key);
  });

  it("says by how much a bound was crossed", () => {
    expect(checkGpuPlausibility({ sector: "INDUSTRY", gpusRequested: 1_001, durationMonths: 12 }).detail?.params).toMatchObject({
      gpus: 1_001,
      max: 1_000,
      gpuMonths: 12_012,
    });
  });
});
