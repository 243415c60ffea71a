import { data } from "react-router";
import { z } from "zod";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import { AppError } from "./errors";
import { apiLocale } from "./locale.server";

/** What an application error says to a person, in their language (pages and API alike). */
export function appErrorMessage(error: AppError, locale: Locale): string {
  return error.text ? error.text[locale] : translate(locale, error.messageKey, error.params);
}

/** A JSON error response in the API contract's shape, in the caller's language. */
export function errorResponse(request: Request, error: AppError): Response {
  const locale = apiLocale(request);
  const message = appErrorMessage(error, locale);
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8" });
  const retry = error.extra?.retryAfterSeconds;
  if (typeof retry === "number") headers.set("Retry-After", String(retry));
  const { retryAfterSeconds: _ignored, fields, ...rest } = error.extra ?? {};
  return new Response(
    JSON.stringify({ error: { code: error.code, message, ...(fields ? { fields } : {}) }, ...rest }),
    { status: error.status, headers },
  );
}

/** Runs an API handler; application errors become contract errors, anything else a 500 without details. */
export async function handleApi(request: Request, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof AppError) return errorResponse(request, error);
    if (error instanceof Response) throw error;
    console.error(error);
    return errorResponse(request, new AppError("BAD_REQUEST", 500, "error.generic"));
  }
}

export function json(body: unknown, init?: number | ResponseInit): Response {
  const status = typeof init === "number" ? init : init?.status ?? 200;
  const headers = new Headers(typeof init === "number" ? undefined : init?.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body, jsonReplacer), { status, headers });
}

function jsonReplacer(_key: string, value: unknown) {
  return typeof value === "bigint" ? Number(value) : value;
}

export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("BAD_REQUEST", 400, "error.badJson");
  }
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

/** zod issues → `{ "path": "message" }` for `error.fields`. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "(body)";
    fields[path] ??= issue.message;
  }
  return fields;
}

/** Parses a body with a zod schema or throws 422 with field messages. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new AppError("VALIDATION_FAILED", 422, "error.validation", undefined, { fields: fieldErrors(result.error) });
  }
  return result.data;
}

export { data };
