/** What every file download shares: its language and its response headers. */
import type { Locale } from "~/i18n/types";
import { attachmentDisposition } from "~/modules/meetings/agenda-csv";
import { todayInKorea } from "~/utils/clock";
import { apiLocale, langCookie } from "~/utils/locale.server";

/** The page language when the switch set one, otherwise the caller's Accept-Language (Korean by default). */
export async function downloadLocale(request: Request): Promise<Locale> {
  const cookie = await langCookie.parse(request.headers.get("Cookie"));
  return cookie === "en" || cookie === "ko" ? cookie : apiLocale(request);
}

export const MEDIA_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
} as const;

/**
 * A download response: `name` is the file name a person sees (Korean kept, with today's Korean date),
 * `asciiName` the fallback for old clients. Never cached: the contents are scoped to the caller.
 */
export function download(body: BodyInit, { type, name, asciiName }: { type: keyof typeof MEDIA_TYPES; name: string; asciiName: string }): Response {
  const day = todayInKorea();
  return new Response(body, {
    headers: {
      "Content-Type": MEDIA_TYPES[type],
      "Content-Disposition": attachmentDisposition(`${name} ${day}.${type}`, `${asciiName}-${day}.${type}`),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
