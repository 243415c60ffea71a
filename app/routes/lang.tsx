import { redirect } from "react-router";
import type { Route } from "./+types/lang";
import { safeRedirect } from "~/modules/auth/safe-redirect";
import { readForm, requireSameOrigin } from "~/utils/api.server";
import { langCookie } from "~/utils/locale.server";

/** The language switch: keeps the choice in a cookie and returns to the page it came from. */
export async function action({ request }: Route.ActionArgs) {
  requireSameOrigin(request);
  const form = await readForm(request);
  const lang = form.get("lang") === "en" ? "en" : "ko";
  return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": await langCookie.serialize(lang) } });
}

export function loader() {
  return redirect("/");
}
