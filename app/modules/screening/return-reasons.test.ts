import { describe, expect, it } from "vitest";
import { translate } from "~/i18n/translate";
import { encodeReturnReason, returnReasonCode, returnReasonText } from "./return-reasons";

describe("return reasons as codes plus free text", () => {
  it("shows a coded reason in the reader's language", () => {
    const stored = encodeReturnReason("kpi");
    expect(returnReasonText("ko", stored)).toBe(translate("ko", "screening.reasons.kpi"));
    expect(returnReasonText("en", stored)).toBe(translate("en", "screening.reasons.kpi"));
  });
  it("recognises reasons stored as UI text before codes existed, in either language", () => {
    expect(returnReasonCode(translate("en", "screening.reasons.attachment"))).toBe("attachment");
    expect(returnReasonText("ko", translate("en", "screening.reasons.attachment"))).toBe(translate("ko", "screening.reasons.attachment"));
  });
  it("keeps free text as typed, and an unknown code as stored", () => {
    expect(returnReasonText("en", "예산 근거를 보완하세요.")).toBe("예산 근거를 보완하세요.");
    expect(returnReasonText("en", "reason:nope")).toBe("reason:nope");
  });
});
