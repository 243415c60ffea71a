import fc from "fast-check";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "./fixtures";
import { dataFingerprint } from "./db";
import { allRoutes, contextFor, makeCanary, urlsOf, type Canary, type Caller, type RouteInfo } from "./security-matrix";

// Property-based fuzz of the JSON API (issue 12): every /api/v1 route of app/routes.ts × every method,
// bodies and queries generated from the OpenAPI document's JSON schemas (which come from the same zod
// schemas the services use) and bent out of shape — wrong types, missing and unknown keys, boundary
// numbers, hostile strings. Whatever arrives: never a 500, and a 4xx writes nothing.

type Schema = Record<string, unknown>;
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const NASTY = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "a\udc00b",
  "%",
  "_",
  "%_%",
  "\\",
  "' OR 1=1 --",
  '"; DROP TABLE "DemandRequest"; --',
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "__proto__",
  "constructor",
  "{{7*7}}",
  "${7*7}",
  "1e309",
  "NaN",
  "-0",
  "null",
  "\u202eevil",
  "보건".normalize("NFD"),
  "😀".repeat(50),
  "x".repeat(20_000),
  "2027-02-31",
  "2027-13-01",
  "0000-00-00",
  "2099-02-30",
  "2020-01-01",
  "2026-02",
  "2026-13",
];
const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 53), 1e308, [], {}, ...NASTY),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.array(fc.string(), { maxLength: 3 }),
);
const nastyString = fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: "binary", maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 60 }));

/** An arbitrary for a JSON schema: mostly the right shape with values near and past its limits, sometimes anything. */
function arbitraryOf(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return weird;
  if (typeof schema.$ref === "string") return arbitraryOf(components[schema.$ref.split("/").pop()!], components, depth + 1);
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (variants) return fc.oneof(...variants.map((v) => arbitraryOf(v, components, depth + 1)), weird);
  const shaped = shapedOf(schema, components, depth);
  return fc.oneof({ arbitrary: shaped, weight: 5 }, { arbitrary: weird, weight: 1 });
}

function shapedOf(schema: Schema, components: Record<string, Schema>, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.oneof(fc.constantFrom(...schema.enum), nastyString);
  if (schema.const !== undefined) return fc.oneof({ arbitrary: fc.constant(schema.const), weight: 4 }, { arbitrary: nastyString, weight: 1 });
  switch (schema.type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const keys = Object.keys(properties);
      const record = fc.record(Object.fromEntries(keys.map((k) => [k, arbitraryOf(properties[k], components, depth + 1)])), { requiredKeys: [] });
      const extra = fc.dictionary(
        fc.oneof(fc.constantFrom("__proto__", "constructor", "id", "organizationId", "state", "version"), fc.string({ maxLength: 8 })),
        weird,
        { maxKeys: 2 },
      );
      return fc.oneof({ arbitrary: record, weight: 4 }, { arbitrary: fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...(r as object) })), weight: 1 });
    }
    case "array":
      return fc.array(arbitraryOf(schema.items as Schema, components, depth + 1), { maxLength: (schema.maxItems as number) > 3 ? 4 : 3 });
    case "integer":
    case "number": {
      const min = typeof schema.minimum === "number" ? schema.minimum : -1_000_000;
      const max = typeof schema.maximum === "number" ? Math.min(schema.maximum, Number.MAX_SAFE_INTEGER) : 1_000_000;
      const inRange = fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) });
      return fc.oneof(inRange, fc.constantFrom(min - 1, max + 1, 0, 1, 0.5), fc.double({ noNaN: true }));
    }
    case "boolean":
      return fc.oneof(fc.boolean(), fc.constantFrom("true", 1, 0));
    case "string":
      if (schema.format === "email") return nastyString; // never a real address: no password is checked, no throttle is used up
      return fc.oneof(nastyString, fc.string({ minLength: (schema.minLength as number) ?? 0, maxLength: Math.min((schema.maxLength as number) ?? 30, 300) }));
    default:
      return weird;
  }
}

/** `/api/v1/requests/:id` → the OpenAPI key `/requests/{id}`. */
const openApiKey = (pattern: string) => pattern.replace(/^\/api\/v1/, "").replace(/:(\w+)/g, "{$1}");

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const CALLERS: (Caller | "officerToken")[] = ["officer", "otherMinistry", "secretariat", "approver", "admin", "officerToken"];

interface Call {
  caller: (typeof CALLERS)[number];
  method: (typeof METHODS)[number];
  url: string;
  query: Record<string, string>;
  body: unknown;
  raw: boolean;
}

type OpenApi = { paths: Record<string, Record<string, Schema>>; components: { schemas: Record<string, Schema> } };

function callArbitrary(routes: RouteInfo[], canary: Canary, openapi: OpenApi): fc.Arbitrary<Call> {
  const perRoute = routes.map((route) => {
    const ops = openapi.paths[openApiKey(route.pattern)] ?? {};
    const urls = fc.oneof(
      fc.constantFrom(...urlsOf(route, canary, true), ...urlsOf(route, canary, false)),
      // parameters made of anything
      fc.string({ minLength: 1, maxLength: 30 }).map((s) => route.pattern.replace(/:\w+|\*/g, () => encodeURIComponent(s))),
    );
    return METHODS.map((method) => {
      const op = ops[method.toLowerCase()] as Schema | undefined;
      const bodySchema = ((op?.requestBody as Schema | undefined)?.content as Record<string, { schema: Schema }> | undefined)?.["application/json"]?.schema;
      const params = ((op?.parameters ?? []) as Schema[]).filter((p) => p.in === "query");
      const query = fc.record(
        Object.fromEntries([
          ...params.map((p) => [p.name as string, arbitraryOf(p.schema as Schema, openapi.components.schemas).map(String)]),
          ["extra", nastyString],
        ]),
        { requiredKeys: [] },
      ) as fc.Arbitrary<Record<string, string>>;
      const call = fc.record({
        caller: fc.constantFrom(...CALLERS),
        method: fc.constant(method),
        url: urls,
        query: method === "GET" ? query : fc.constant({}),
        body: method === "GET" ? fc.constant(undefined) : arbitraryOf(bodySchema, openapi.components.schemas),
        // now and then a body that is not JSON at all (with the JSON content type)
        raw: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      });
      // mostly the methods the route has (GET where it reads), now and then one it does not
      const has = op !== undefined || (method === "GET" && Object.keys(ops).length === 0);
      return { arbitrary: call, weight: has ? 6 : 1 };
    });
  });
  return fc.oneof(...perRoute.flat());
}

/** Calls that would end the caller's session (the fuzz keeps its callers signed in). */
const signsOut = (call: Call) => call.method === "DELETE" && call.url === "/api/v1/session";

test("the fuzz's check sees a write: an insert, a guarded update and a revocation each change the fingerprint", async () => {
  const officer = await contextFor("officer");
  const before = await dataFingerprint();
  const created = await officer.post("/api/v1/requests", { data: { title: "지문 점검 초안" } });
  expect(created.status()).toBe(201);
  const { id, version } = await created.json();
  const inserted = await dataFingerprint();
  expect(inserted).not.toEqual(before);
  expect((await officer.patch(`/api/v1/requests/${id}`, { data: { title: "지문 점검 초안 (고침)", expectedVersion: version } })).status()).toBe(200);
  const updated = await dataFingerprint();
  expect(updated["DemandRequest.version"]).toBe(inserted["DemandRequest.version"] + 1);
  const { token, id: tokenId } = await (await officer.post("/api/v1/tokens", { data: { name: "지문 점검" } })).json();
  expect(token).toBeTruthy();
  const issued = await dataFingerprint();
  expect((await officer.delete("/api/v1/tokens", { data: { id: tokenId } })).status()).toBe(204);
  expect((await dataFingerprint())["ApiToken.revokedAt"]).toBe(issued["ApiToken.revokedAt"] + 1);
  await officer.dispose();
});

test("fuzz: every API body and query — never a 500, and nothing written on a 4xx", async ({ baseURL }) => {
  test.setTimeout(Math.max(180_000, RUNS * 1500));
  const canary = await makeCanary();
  const contexts = new Map<string, APIRequestContext>();
  for (const caller of CALLERS) {
    if (caller === "officerToken") continue;
    contexts.set(caller, await contextFor(caller));
  }
  const { token } = await (await contexts.get("officer")!.post("/api/v1/tokens", { data: { name: "fuzz" } })).json();
  contexts.set("officerToken", await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } }));
  const openapi = await (await contexts.get("officer")!.get("/api/v1/openapi.json")).json();
  const routes = allRoutes().filter((r) => r.api);
  const statuses = new Map<number, number>();

  await fc.assert(
    fc.asyncProperty(callArbitrary(routes, canary, openapi), async (call) => {
      fc.pre(!signsOut(call));
      const ctx = contexts.get(call.caller)!;
      const before = await dataFingerprint();
      const query = new URLSearchParams(call.query).toString();
      const url = query ? `${call.url}?${query}` : call.url;
      const data = call.body === undefined ? undefined : call.raw ? `{"broken": ${JSON.stringify(call.body)}` : JSON.stringify(call.body);
      const res = await ctx.fetch(url, {
        method: call.method,
        maxRedirects: 0,
        ...(data === undefined ? {} : { data, headers: { "Content-Type": "application/json" } }),
      });
      const status = res.status();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const where = `${call.caller} ${call.method} ${url} ${data?.slice(0, 300) ?? ""}`;
      expect(status, `${where} → ${(await res.text()).slice(0, 300)}`).toBeLessThan(500);
      if (status >= 400) expect(await dataFingerprint(), `${where} → ${status} but wrote`).toEqual(before);
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  test
    .info()
    .annotations.push({ type: "fuzz", description: `seed ${SEED}, ${RUNS} runs, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}` });
  console.log(`fuzz seed ${SEED}: ${RUNS} runs, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
  await Promise.all([...contexts.values()].map((c) => c.dispose()));
});
