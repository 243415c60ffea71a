/**
 * Return reasons are stored as codes plus free text (issue 14, docs/decisions/0022): a standard
 * reason is kept as `reason:<code>` (one of RETURN_REASONS) inside the RETURN event's `reasons`, and
 * each reader sees it in their own language. Free text is kept as typed. Reasons stored before this
 * (the secretariat's UI text of a standard reason, in Korean or English) are recognised and shown in
 * the reader's language too, so no data migration is needed.
 */
import { translate } from "~/i18n/translate";
import { LOCALES, type Locale } from "~/i18n/types";
import { RETURN_REASONS, type ReturnReason } from "./screening-options";

const PREFIX = "reason:";

export function encodeReturnReason(code: ReturnReason): string {
  return `${PREFIX}${code}`;
}

/** The standard reason a stored reason names (a code, or an older stored translation), if any. */
export function returnReasonCode(stored: string): ReturnReason | null {
  const code = stored.startsWith(PREFIX) ? stored.slice(PREFIX.length) : null;
  if (code !== null) return (RETURN_REASONS as readonly string[]).includes(code) ? (code as ReturnReason) : null;
  for (const reason of RETURN_REASONS) {
    if (LOCALES.some((l) => translate(l, `screening.reasons.${reason}`) === stored)) return reason;
  }
  return null;
}

/** A stored reason as the reader reads it. */
export function returnReasonText(locale: Locale, stored: string): string {
  const code = returnReasonCode(stored);
  return code ? translate(locale, `screening.reasons.${code}`) : stored;
}
