import { useRouteLoaderData } from "react-router";
import type { MessageKey, MessageParams } from "./messages";
import { formatDate, formatDateTime, formatNumber, translate, translateDynamic } from "./translate";
import type { Locale } from "./types";

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? "ko";
}

function makeTranslator(locale: Locale) {
  return {
    locale,
    t: (key: MessageKey, params?: MessageParams) => translate(locale, key, params),
    td: (key: string, params?: MessageParams) => translateDynamic(locale, key, params),
    n: (value: number) => formatNumber(locale, value),
    dt: (value: Date | string) => formatDateTime(locale, value),
    d: (value: Date | string) => formatDate(locale, value),
  };
}

/** Translation and Intl formatting in one language. */
export type Translator = ReturnType<typeof makeTranslator>;

const translators: Record<Locale, Translator> = { ko: makeTranslator("ko"), en: makeTranslator("en") };

/** Translation and Intl formatting in `locale`, outside React (a page part rendered on the server). */
export function translator(locale: Locale): Translator {
  return translators[locale];
}

/** Translation and Intl formatting in the page's language. */
export function useT(): Translator {
  return translator(useLocale());
}
