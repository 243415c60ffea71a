import { translateDynamic } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";

/** A notification's one-line text from the catalogue (`notify.kind.<kind>`), in `locale`. */
export function notificationText(locale: Locale, kind: string, params: Record<string, string | number>): string {
  return translateDynamic(locale, `notify.kind.${kind}`, params).replace(/\s+/g, " ").trim();
}
