import { createCookie } from "react-router";
import type { Locale } from "~/i18n/types";

export const langCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** The page language: the `lang` cookie set by the switch, Korean by default. */
export async function pageLocale(request: Request): Promise<Locale> {
  const value = await langCookie.parse(request.headers.get("Cookie"));
  return value === "en" ? "en" : "ko";
}

/** The API language: `Accept-Language` (first of ko/en named), Korean by default. */
export function apiLocale(request: Request): Locale {
  const header = request.headers.get("Accept-Language") ?? "";
  for (const part of header.split(",")) {
    const tag = part.trim().toLowerCase();
    if (tag.startsWith("en")) return "en";
    if (tag.startsWith("ko")) return "ko";
  }
  return "ko";
}
