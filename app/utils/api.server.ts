import { data } from "react-router";
import { z } from "zod";
import { translate } from "~/i18n/translate";
import { fieldMessages } from "~/i18n/field-messages";
import type { MessageKey, MessageParams } from "~/i18n/messages";
import { LOCALES, type Locale } from "~/i18n/types";
import { AppError } from "./errors";
import { NOT_TEXT } from "./schema-fields";
import { apiLocale } from "./locale.server";
import { wholeResponse } from "../../server/whole-body";

/** What an application error says to a person, in their language (pages and API alike). */
export function appErrorMessage(error: AppError, locale: Locale): string {
  return error.text ? error.text[locale] : translate(locale, error.messageKey, error.params);
}

/** A JSON error response in the API contract's shape, in the caller's language. */
export function errorResponse(request: Request, error: AppError): Response {
  const locale = apiLocale(request);
  const message = appErrorMessage(error, locale);
  const headers = new Headers();
  const retry = error.extra?.retryAfterSeconds;
  if (typeof retry === "number") headers.set("Retry-After", String(retry));
  const allow = error.extra?.allow;
  if (Array.isArray(allow)) headers.set("Allow", allow.join(", "));
  const { retryAfterSeconds: _ignored, allow: _allow, fields: given, fieldsByLocale, ...rest } = error.extra ?? {};
  const fields = (fieldsByLocale as Record<Locale, Record<string, string>> | undefined)?.[locale] ?? given;
  return json({ error: { code: error.code, message, ...(fields ? { fields } : {}) }, ...rest }, { status: error.status, headers });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery guard for state-changing requests (docs/decisions/0010). A browser marks
 * where a request comes from: `Sec-Fetch-Site` (same-origin, or none when the person typed it) or,
 * in older browsers, `Origin`. A request from another site — another port on this host included —
 * is refused before anything is read or changed. A request with neither header does not come from a
 * browser (curl, a server, a test client), so no other site can have made a person's browser send
 * it. Token (Bearer) clients are not browsers acting on a cookie and skip the check.
 */
export function isCrossSiteRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  if (request.headers.get("Authorization")?.startsWith("Bearer ")) return false;
  const site = request.headers.get("Sec-Fetch-Site");
  if (site !== null) return site !== "same-origin" && site !== "none";
  const origin = request.headers.get("Origin");
  if (origin === null) return false;
  return origin !== new URL(request.url).origin;
}

/** For page resource routes (`/lang`, `/logout`, form targets): a cross-site request is a 403 page. */
export function requireSameOrigin(request: Request): void {
  if (isCrossSiteRequest(request)) throw new Response("Forbidden", { status: 403 });
}

function hasBody(request: Request): boolean {
  const length = request.headers.get("Content-Length");
  return request.headers.has("Transfer-Encoding") || (length !== null && length.trim() !== "0");
}

/** The media type without parameters (`application/json; charset=utf-8` → `application/json`). */
function mediaType(request: Request): string {
  return (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
}

export interface ApiOptions {
  /** the body this endpoint takes: JSON (the default) or a multipart upload */
  body?: "json" | "multipart";
}

function assertBodyType(request: Request, body: "json" | "multipart") {
  if (SAFE_METHODS.has(request.method) || !hasBody(request)) return;
  const expected = body === "json" ? "application/json" : "multipart/form-data";
  if (mediaType(request) !== expected) throw new AppError("UNSUPPORTED_MEDIA_TYPE", 415, "error.unsupportedMediaType", { type: expected });
}

/**
 * Runs an API handler; application errors become contract errors, anything else a 500 without details.
 * First, for state-changing methods: a cross-site browser request → 403, a body that is not JSON
 * (or, where the endpoint takes an upload, not multipart) → 415 — before the handler reads anything.
 */
export async function handleApi(request: Request, handler: () => Promise<Response>, options: ApiOptions = {}): Promise<Response> {
  try {
    if (isCrossSiteRequest(request)) throw new AppError("FORBIDDEN", 403, "error.crossOrigin");
    assertBodyType(request, options.body ?? "json");
    return await handler();
  } catch (error) {
    if (error instanceof AppError) return errorResponse(request, error);
    if (error instanceof Response) throw error;
    console.error(error);
    return errorResponse(request, new AppError("BAD_REQUEST", 500, "error.generic"));
  }
}

/** 405 (with `Allow`) unless the request's method is one of `methods`: a PUT where only POST exists must not create. */
export function allowMethods(request: Request, ...methods: string[]): void {
  if (!methods.includes(request.method)) throw new AppError("BAD_REQUEST", 405, "error.methodNotAllowed", undefined, { allow: methods });
}

export function json(body: unknown, init?: number | ResponseInit): Response {
  const status = typeof init === "number" ? init : (init?.status ?? 200);
  const headers = new Headers(typeof init === "number" ? undefined : init?.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  const bytes = Buffer.from(JSON.stringify(body, jsonReplacer));
  // the length lets the compression middleware leave a short answer as it is (under 1 KB: a new
  // gzip or brotli stream per answer cost more CPU than the bytes it saved — issue 11)
  headers.set("Content-Length", String(bytes.byteLength));
  // one buffer, written to the socket as it is (ADR 0051)
  return wholeResponse(bytes, { status, headers });
}

function jsonReplacer(_key: string, value: unknown) {
  return typeof value === "bigint" ? Number(value) : value;
}

/** Whether any string (or key) in a parsed JSON value holds what is not text (`NOT_TEXT`). */
export function hasNonText(value: unknown): boolean {
  if (typeof value === "string") return NOT_TEXT.test(value);
  if (Array.isArray(value)) return value.some(hasNonText);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).some(([k, v]) => NOT_TEXT.test(k) || hasNonText(v));
  }
  return false;
}

/** The JSON body: 400 when it is not JSON or holds text that is not Unicode. */
export async function readJson(request: Request): Promise<unknown> {
  return jsonText(await request.text());
}

/** A body that may be left empty (then `{}`: every field optional); otherwise as `readJson`. */
export async function readOptionalJson(request: Request): Promise<unknown> {
  const text = await request.text();
  return text.trim() ? jsonText(text) : {};
}

function jsonText(text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", 400, "error.badJson");
  }
  if (hasNonText(body)) throw new AppError("BAD_REQUEST", 400, "error.badText");
  return body;
}

/**
 * A page form's body (urlencoded or multipart). Anything else — an empty body without a form type,
 * `text/plain`, a broken multipart body — is a 400 page, never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Bad Request", { status: 400 });
  }
}

/** zod issues → `{ "path": "message" }` for `error.fields`, in the catalogue's words (app/i18n/field-messages.ts). */
export function fieldErrors(error: z.ZodError, locale: Locale): Record<string, string> {
  return fieldMessages(error, locale, "(body)");
}

/** A 422 whose `error.fields` are said in the caller's language (chosen when the response is made). */
export function validationError(error: z.ZodError, options: { messageKey?: MessageKey; params?: MessageParams; sayFirstField?: boolean } = {}): AppError {
  const fieldsByLocale = Object.fromEntries(LOCALES.map((l) => [l, fieldErrors(error, l)])) as Record<Locale, Record<string, string>>;
  // a page with one banner and no field slots says the first refused field's sentence instead of "check the form"
  const text = options.sayFirstField ? { ko: Object.values(fieldsByLocale.ko)[0], en: Object.values(fieldsByLocale.en)[0] } : undefined;
  return new AppError("VALIDATION_FAILED", 422, options.messageKey ?? "error.validation", options.params, { fieldsByLocale }, text);
}

/** Parses a body with a zod schema or throws 422 with field messages. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, options: { sayFirstField?: boolean } = {}): z.output<T> {
  const result = schema.safeParse(body, { reportInput: true });
  if (!result.success) throw validationError(result.error, options);
  return result.data;
}

export { data };
