import type { MessageKey, MessageParams } from "~/i18n/messages";

export type ErrorCode =
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION_FAILED"
  | "VERSION_CONFLICT"
  | "EVENT_NOT_ALLOWED"
  | "MEETING_NOT_HELD"
  | "RATE_LIMITED"
  | "CAPACITY_EXCEEDED"
  | "OVER_APPROVED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "FILE_TOO_LARGE"
  | "UNSUPPORTED_TYPE"
  | "TOO_MANY_FILES"
  | "CONFLICT"
  | "BAD_REQUEST"
  | "SNAPSHOT_VERSION";

/**
 * The one application error. Services throw it; routes and the API translate it into a page
 * message or a JSON error in the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly messageKey: MessageKey,
    readonly params?: MessageParams,
    /** Extra JSON fields beside `error` (e.g. `current` for a version conflict, `fields`). */
    readonly extra?: Record<string, unknown>,
    /** A message already translated (e.g. from the workflow's refusal texts). */
    readonly text?: { ko: string; en: string },
  ) {
    super(`${code}: ${text?.en ?? messageKey}`);
    this.name = "AppError";
  }
}

export const notFound = () => new AppError("NOT_FOUND", 404, "error.notFound");
export const forbidden = () => new AppError("FORBIDDEN", 403, "error.forbidden");
export const unauthorized = () => new AppError("UNAUTHORIZED", 401, "error.unauthorized");

/** For page loaders: an application error becomes an HTTP error page (404, 403, …), never a 500. */
export async function forPage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) {
      throw new Response(null, { status: error.status, statusText: error.code });
    }
    throw error;
  }
}
