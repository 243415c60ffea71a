import { db } from "~/utils/db.server";
import { json } from "~/utils/api.server";

/** GET /healthz — for load balancers and monitors: 200 `{ ok: true }` when the database answers, else 503. No data, no sign-in. */
export async function loader() {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return json({ ok: true });
  } catch {
    return json({ ok: false }, { status: 503 });
  }
}
