import { redirect } from "react-router";
import type { Route } from "./+types/lang";
import { langCookie } from "~/utils/locale.server";

/** The language switch: keeps the choice in a cookie and returns to the page it came from. */
export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const lang = form.get("lang") === "en" ? "en" : "ko";
  const back = String(form.get("redirectTo") ?? "/");
  const target = back.startsWith("/") && !back.startsWith("//") ? back : "/";
  return redirect(target, { headers: { "Set-Cookie": await langCookie.serialize(lang) } });
}

export function loader() {
  return redirect("/");
}
