import { expect, test, type APIRequestContext } from "./fixtures";
import { allRoutes, CALLERS, contextFor, dataUrl, makeCanary, urlsOf, type Canary, type Caller, type RouteInfo } from "./security-matrix";

// The authorization matrix (issue 12), generated from app/routes.ts: every route × every role, another
// ministry's officer and an anonymous caller; pages, their .data URLs and the API, read and write.
// Nothing answers 500; nothing of one ministry's records reaches another ministry or an anonymous
// caller (404 for its request, file, plan, condition — the same answer as for an id that does not exist).

let canary: Canary;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  canary = await makeCanary();
});

const ROUTES = allRoutes();
const PUBLIC = new Set(["/login", "/healthz", "/api/v1/openapi.json", "/api/v1/session"]);
/** Calls that would end the caller's own session half-way through the matrix. */
const SIGNS_OUT = (method: string, url: string) => (method === "POST" && url === "/logout") || (method === "DELETE" && url === "/api/v1/session");
/** Routes naming one of the canary ministry's own records: another ministry gets 404 there. */
const MINISTRY_RECORD = /^\/(api\/v1\/)?(requests\/:id|conditions\/:id)/;

interface Probe {
  method: string;
  url: string;
  kind: "page" | "data" | "api";
}

function probesOf(route: RouteInfo, urls: string[]): Probe[] {
  return urls
    .flatMap((url): Probe[] =>
      route.api
        ? ["GET", "POST", "PUT", "PATCH", "DELETE"].map((method) => ({ method, url, kind: "api" }))
        : [
            { method: "GET", url, kind: "page" },
            { method: "GET", url: dataUrl(url), kind: "data" },
            { method: "POST", url, kind: "page" },
          ],
    )
    .filter((p) => !SIGNS_OUT(p.method, p.url));
}

async function send(ctx: APIRequestContext, probe: Probe) {
  const options = probe.kind === "api" ? (probe.method === "GET" ? {} : { data: {} }) : probe.method === "POST" ? { form: {} } : {};
  const res = await ctx.fetch(probe.url, { method: probe.method, maxRedirects: 0, ...options });
  return { status: res.status(), body: await res.text() };
}

for (const caller of Object.keys(CALLERS) as Caller[]) {
  test(`${caller}: no 500 and no other ministry's data on any route`, async () => {
    test.setTimeout(300_000);
    const ctx = await contextFor(caller);
    const problems: string[] = [];
    let count = 0;
    for (const route of ROUTES) {
      const real = urlsOf(route, canary, true);
      const made = urlsOf(route, canary, false);
      const probes = probesOf(route, real);
      const twins = probesOf(route, made);
      for (const [i, probe] of probes.entries()) {
        const { status, body } = await send(ctx, probe);
        count++;
        const where = `${probe.method} ${probe.url} (${probe.kind})`;
        if (status >= 500) problems.push(`${where}: ${status}`);
        if (caller === "anonymous" || caller === "otherMinistry") {
          if (body.includes(canary.marker)) problems.push(`${where}: shows the other ministry's record`);
          const twin = twins[i];
          if (twin.url !== probe.url) {
            const other = await send(ctx, twin);
            count++;
            if (other.status !== status) problems.push(`${where}: ${status}, but ${other.status} for an id that does not exist`);
          }
        }
        // (202 is the single-fetch answer for a redirect: to the sign-in page)
        if (
          caller === "anonymous" &&
          probe.method === "GET" &&
          status >= 200 &&
          status < 300 &&
          !(probe.kind === "data" && status === 202) &&
          !PUBLIC.has(route.pattern) &&
          route.pattern !== "/*"
        ) {
          problems.push(`${where}: ${status} without signing in`);
        }
        // (400: a route without a GET handler says so, and a redirect to the record's page, before looking at any record)
        const beforeLooking = status === 400 || (status >= 300 && status < 400) || (probe.kind === "data" && status === 202);
        if (caller === "otherMinistry" && probe.method === "GET" && MINISTRY_RECORD.test(route.pattern) && status !== 404 && !beforeLooking) {
          problems.push(`${where}: ${status}, expected 404 for another ministry's record`);
        }
      }
    }
    test.info().annotations.push({ type: "calls", description: String(count) });
    expect(problems).toEqual([]);
    await ctx.dispose();
  });
}

test("another ministry finds none of the canary's records by list, search or filter", async () => {
  const outsider = await contextFor("otherMinistry");
  const search = await (await outsider.get(`/api/v1/requests?${new URLSearchParams({ q: canary.marker })}`)).json();
  expect(search.items).toEqual([]);
  const ministry = await (await outsider.get("/api/v1/requests?ministry=MOHW&limit=100")).json();
  expect(ministry.items.every((i: { ministry: { code: string } }) => i.ministry.code === "MND")).toBe(true);
  const allocations = await outsider.get(`/api/v1/allocations?requestId=${canary.approvedId}`);
  expect(await allocations.text()).not.toContain(canary.approvedId);
  // the owner does see them (the canary is real)
  const owner = await contextFor("officer");
  expect((await (await owner.get(`/api/v1/requests?${new URLSearchParams({ q: canary.marker })}`)).json()).items).toHaveLength(2);
  await Promise.all([outsider.dispose(), owner.dispose()]);
});
