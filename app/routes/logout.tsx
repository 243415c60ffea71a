import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { signOut } from "~/modules/auth/session.server";
import { requireSameOrigin } from "~/utils/api.server";
import { clientIpContext } from "~/utils/request-context.server";

export async function action({ request, context }: Route.ActionArgs) {
  requireSameOrigin(request);
  return redirect("/login?signedOut=1", { headers: { "Set-Cookie": await signOut(request, { clientKey: context.get(clientIpContext) }) } });
}

export function loader() {
  return redirect("/");
}
