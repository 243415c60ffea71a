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

/** A message with its parameters filled in as written: plurals first, then each `{name}` in one pass. */
function filled(text: string, params: MessageParams): string {
  return plurals(text, params).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A message's placeholders, found once per message (a page fills a hundred; two regular expressions per
 * message were ~2 µs, a few percent of a page): the text around them and their names, `null` for a message
 * with none, "plural" for one with a plural (filled as written, `filled`).
 */
type Template = { parts: string[]; names: string[] } | null | "plural";
const templates = new Map<string, Template>();
const HAS_PLURAL = new RegExp(PLURAL.source); // (without `g`: no position kept between tests)

function templateOf(text: string): Template {
  let template = templates.get(text);
  if (template !== undefined) return template;
  if (HAS_PLURAL.test(text)) template = "plural";
  else {
    const parts: string[] = [];
    const names: string[] = [];
    let last = 0;
    for (const match of text.matchAll(/\{(\w+)\}/g)) {
      parts.push(text.slice(last, match.index));
      names.push(match[1]);
      last = match.index + match[0].length;
    }
    parts.push(text.slice(last));
    template = names.length === 0 ? null : { parts, names };
  }
  templates.set(text, template);
  return template;
}

/** Translates a catalogue key; `{name}` placeholders are filled from params (and `{n, plural, …}` chosen). */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = lookup(catalogues[locale], key) ?? lookup(catalogues.ko, key) ?? key;
  if (!params) return text;
  const template = templateOf(text);
  if (template === null) return text;
  if (template === "plural") return filled(text, params);
  let result = template.parts[0];
  for (let i = 0; i < template.names.length; i++) {
    const name = template.names[i];
    result += (name in params ? String(params[name]) : `{${name}}`) + template.parts[i + 1];
  }
  return result;
}

/** Tests: a message filled as written, without its template. */
export const filledAsWritten = filled;

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
