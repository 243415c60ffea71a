import { catalogues } from "./catalogues";
import type { MessageKey, MessageParams } from "./messages";
import type { Locale } from "./types";

/** Each catalogue's messages by their dotted key, made on first use (a page asks for hundreds). */
const byKey = new WeakMap<object, Map<string, string>>();

function collect(node: object, prefix: string, into: Map<string, string>): Map<string, string> {
  for (const [name, value] of Object.entries(node)) {
    if (typeof value === "string") into.set(prefix + name, value);
    else if (value !== null && typeof value === "object") collect(value, `${prefix}${name}.`, into);
  }
  return into;
}

function lookup(tree: object | undefined, key: string): string | undefined {
  if (!tree) return undefined; // the browser loads its one language before hydration
  let messages = byKey.get(tree);
  if (!messages) byKey.set(tree, (messages = collect(tree, "", new Map())));
  return messages.get(key);
}

const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

/**
 * English plurals (ICU's plural subset, issue 14): `{count, plural, one {# request} other {# requests}}`
 * picks a branch by the value (also when already formatted, "1,024") and `#` is the value as given.
 */
function plurals(text: string, params: MessageParams): string {
  return text.replace(PLURAL, (whole, name: string, one: string, other: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    const n = typeof value === "number" ? value : Number(String(value).replace(/[,\s]/g, ""));
    return (n === 1 ? one : other).replace(/#/g, String(value));
  });
}

/** Translates a catalogue key; `{name}` placeholders are filled from params (and `{n, plural, …}` chosen). */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = lookup(catalogues[locale], key) ?? lookup(catalogues.ko, key) ?? key;
  if (!params) return text;
  return plurals(text, params).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** For keys built at run time (e.g. `workflow.state.${state}`): falls back to the raw key. */
export function translateDynamic(locale: Locale, key: string, params?: MessageParams): string {
  return translate(locale, key as MessageKey, params);
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export function intlLocale(locale: Locale): string {
  return locale === "ko" ? "ko-KR" : "en-US";
}

export { formatDate, formatDateTime, formatMonth, formatNumber } from "./format";
