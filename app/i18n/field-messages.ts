/**
 * The one mapping from a refused value (a zod issue) to a sentence a person can act on (issue 14):
 * it names the field in words from the catalogue (`validation.field.*`), says what to do, and is in
 * the page's (or API caller's) language. zod's own texts ("Too big: expected string…", "YYYY-MM")
 * never reach a person. Schemas therefore carry no message strings of their own: a `refine` or
 * `addIssue` names its reason in `params: { reason }` (one of `CUSTOM_REASONS`).
 *
 * Use `fieldErrorMap(locale)` as zod's `error` option (Conform's `parseWithZod` too) and read
 * `issue.message`, or `fieldMessages(error, locale)` for `{ "path.to.field": message }`.
 */
import type { z } from "zod";
import type { MessageKey, MessageParams } from "./messages";
import { formatNumber } from "./format";
import { translate } from "./translate";
import type { Locale } from "./types";

type Fields = keyof typeof import("./validation.messages").validationKo.field;
type Template = Exclude<keyof typeof import("./validation.messages").validationKo, "field">;

/** Reasons a schema's own rule may give in `params.reason` → the sentence it becomes. */
export const CUSTOM_REASONS = {
  badCharacter: "badCharacter",
  notCalendarDay: "pickDate",
  atLeastOne: "tooFew",
  duplicate: "duplicate",
  chooseFile: "choose",
  onlyConditional: "onlyConditional",
  chooseAtLeastOne: "chooseAtLeastOne",
  pickOrWrite: "pickOrWrite",
} as const satisfies Record<string, Template>;
export type CustomReason = keyof typeof CUSTOM_REASONS;

/** Fields a person picks rather than types (a wrong value means "choose one"). */
const CHOICES = new Set<string>([
  "domain",
  "sector",
  "aiWork",
  "dataReadiness",
  "npuCapable",
  "resourceKind",
  "outcome",
  "action",
  "state",
  "requestId",
  "requestIds",
  "request",
  "trancheId",
  "role",
  "organizationCode",
  "meetingId",
  "items",
]);
const MONTHS = new Set<string>(["desiredStartMonth", "arrivalMonth", "startMonth"]);
const DATES = new Set<string>(["date", "dueOn"]);
const TIMES = new Set<string>(["startTime"]);
/** Controls the page sets, not the person: a bad value means the page is stale or was tampered with. */
const HIDDEN = new Set<string>(["expectedVersion", "expectedRevision", "expectedTotalGpus", "intent", "type", "id", "conditionId", "cursor", "limit", "sort"]);
/** Whether a form field is set by the page (hidden), not typed or picked by the person. */
export const isPageControl = (name: string) => HIDDEN.has(name);
/** The singular word for one entry of a list field (`milestones.0.dueOn` → "마일스톤 1 완료일"). */
const ITEM_OF: Record<string, Fields> = {
  milestones: "milestone",
  conditions: "condition",
  allocations: "allocation",
  attendees: "attendee",
  reasons: "reason",
  items: "requestId",
  requestIds: "requestId",
};

/** 은/는, 을/를, 이/가 after a Korean word: by whether its last syllable ends in a consonant (받침). */
export function particles(word: string): { eun: string; eul: string; i: string } {
  const last = word
    .trim()
    .replace(/[\s)）\]]+$/, "")
    .slice(-1);
  const code = last.charCodeAt(0);
  let batchim = false;
  if (code >= 0xac00 && code <= 0xd7a3) batchim = (code - 0xac00) % 28 !== 0;
  else if (/[0-9]/.test(last))
    batchim = "013678".includes(last); // 영, 일, 삼, 육, 칠, 팔
  else if (/[a-z]/i.test(last)) batchim = "lmnr".includes(last.toLowerCase()); // KPI → 는, Email → 은
  return batchim ? { eun: "은", eul: "을", i: "이" } : { eun: "는", eul: "를", i: "가" };
}

function known(locale: Locale, name: string): string | null {
  const key = `validation.field.${name}`;
  const text = translate(locale, key as MessageKey);
  return text === key ? null : text;
}

/** The field a path names, in words ("제목", "마일스톤 1 완료일"). */
export function fieldLabel(locale: Locale, path: readonly PropertyKey[]): string {
  const parts = path.map((p) => (typeof p === "symbol" ? "" : p));
  const index = parts.findIndex((p) => typeof p === "number");
  if (index > 0) {
    const list = String(parts[index - 1]);
    const item = known(locale, ITEM_OF[list] ?? list) ?? known(locale, "form")!;
    const n = Number(parts[index]) + 1;
    const leaf = parts
      .slice(index + 1)
      .filter((p) => typeof p === "string")
      .at(-1);
    const leafLabel = leaf ? known(locale, String(leaf)) : null;
    return leafLabel ? translate(locale, "validation.itemField", { item, n, field: leafLabel }) : translate(locale, "validation.item", { item, n });
  }
  const name = parts.filter((p) => typeof p === "string").at(-1);
  return (name ? known(locale, String(name)) : null) ?? known(locale, "form")!;
}

function leafName(path: readonly PropertyKey[]): string {
  const strings = path.filter((p): p is string => typeof p === "string");
  return strings.at(-1) ?? "";
}

type RawIssue = z.core.$ZodRawIssue | z.core.$ZodIssue;

/** Which sentence an issue becomes, and with which numbers. */
function templateOf(issue: RawIssue): { template: Template; max?: number; min?: number } {
  const path = issue.path ?? [];
  const name = leafName(path);
  const input = "input" in issue ? issue.input : undefined;
  const isListEntry = typeof path.at(-1) === "number";
  if (HIDDEN.has(name)) return { template: "stale" };
  switch (issue.code) {
    case "invalid_type": {
      const missing = input === undefined || input === null || input === "";
      if (MONTHS.has(name)) return { template: "pickMonth" };
      if (DATES.has(name)) return { template: "pickDate" };
      if (TIMES.has(name)) return { template: "pickTime" };
      if (CHOICES.has(name) || issue.expected === "boolean") return { template: "choose" };
      if (issue.expected === "int") return { template: "wholeFigure" };
      if (issue.expected === "number" && !missing) return { template: "digits" };
      return { template: "required" };
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return { template: "tooLong", max };
      if (issue.origin === "array" || issue.origin === "set") return { template: "tooMany", max };
      return max >= Number.MAX_SAFE_INTEGER ? { template: "tooLargeAny" } : { template: "tooLarge", max };
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 || isListEntry ? { template: "required" } : { template: "tooShort", min };
      if (issue.origin === "array" || issue.origin === "set") return { template: "tooFew", min };
      return { template: "tooSmall", min };
    }
    case "invalid_format":
      if (issue.format === "email") return { template: "email" };
      if (MONTHS.has(name)) return { template: "pickMonth" };
      if (DATES.has(name)) return { template: "pickDate" };
      if (TIMES.has(name)) return { template: "pickTime" };
      return { template: "check" };
    case "invalid_value":
    case "invalid_union":
      if (input === undefined || input === "") return { template: CHOICES.has(name) ? "choose" : "required" };
      return { template: CHOICES.has(name) ? "chooseFromList" : "check" };
    case "not_multiple_of":
      return { template: "wholeFigure" };
    case "unrecognized_keys":
      return { template: "unknownField" };
    case "custom": {
      const reason = (issue.params as { reason?: string } | undefined)?.reason;
      if (reason && reason in CUSTOM_REASONS) return { template: CUSTOM_REASONS[reason as CustomReason] };
      return { template: "check" };
    }
    default:
      return { template: "check" };
  }
}

/** One refused value → a sentence in the catalogue's words, in `locale`. */
export function issueMessage(locale: Locale, issue: RawIssue): string {
  const { template, max, min } = templateOf(issue);
  const field = fieldLabel(locale, issue.path ?? []);
  const params: MessageParams = { field, ...particles(field) };
  if (max !== undefined) params.max = formatNumber(locale, max);
  if (min !== undefined) params.min = formatNumber(locale, min);
  return translate(locale, `validation.${template}` as MessageKey, params);
}

/** zod's `error` option: every issue's message comes from the catalogue (schemas set none of their own). */
export function fieldErrorMap(locale: Locale): z.core.$ZodErrorMap {
  return (issue) => issueMessage(locale, issue);
}

/**
 * `{ "path.to.field": message }`, the first message per field; an issue without a path is `form`
 * (or `fallbackKey`). Messages are re-made from the issue, so a schema's stray text cannot leak.
 */
export function fieldMessages(error: z.ZodError, locale: Locale, fallbackKey = "form"): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || fallbackKey;
    fields[path] ??= issueMessage(locale, issue);
  }
  return fields;
}
