import { describe, expect, it } from "vitest";
import { wholeBodyOf } from "../../server/whole-body";
import { AppError } from "./errors";
import { errorResponse, json, readJson, readOptionalJson } from "./api.server";

const post = (body: string) => new Request("http://localhost/api/v1/x", { method: "POST", body, headers: { "Content-Type": "application/json" } });
const refusal = async (read: Promise<unknown>) => {
  try {
    await read;
  } catch (error) {
    const e = error as { status?: number; messageKey?: string };
    return { status: e.status, key: e.messageKey };
  }
  return null;
};

describe("reading a JSON body", () => {
  it.each([
    ["a lone surrogate in a list", '{"requestIds":["\\ud800","41{"]}', "error.badText"],
    ["a lone surrogate in a key", '{"\\udc00":1}', "error.badText"],
    ["NUL", '{"reason":"a\\u0000b"}', "error.badText"],
    ["not JSON", "{requestIds:", "error.badJson"],
  ])("refuses %s with a 400, whether or not the body may be empty", async (_what, body, key) => {
    for (const read of [readJson, readOptionalJson]) expect(await refusal(read(post(body)))).toEqual({ status: 400, key });
  });

  it("takes an empty body as no fields only where the body may be left empty", async () => {
    expect(await readOptionalJson(post(""))).toEqual({});
    expect(await readOptionalJson(post("  \n"))).toEqual({});
    expect(await refusal(readJson(post("")))).toEqual({ status: 400, key: "error.badJson" });
    expect(await readOptionalJson(post('{"requestIds":["a","한글 😀"]}'))).toEqual({ requestIds: ["a", "한글 😀"] });
  });
});

describe("JSON answers", () => {
  it("are one buffer with its length, written as it is (ADR 0051), errors too", async () => {
    const ok = json({ id: "r1", budgetKrw: 12n, title: "의료 AI" }, 201);
    expect(ok.status).toBe(201);
    expect(ok.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const whole = wholeBodyOf(ok)!;
    expect(Number(ok.headers.get("content-length"))).toBe(whole.byteLength);
    expect(JSON.parse(Buffer.from(whole).toString())).toEqual({ id: "r1", budgetKrw: 12, title: "의료 AI" });
    expect(await ok.json()).toEqual({ id: "r1", budgetKrw: 12, title: "의료 AI" });
    const refused = errorResponse(
      new Request("http://localhost/api/v1/x"),
      new AppError("RATE_LIMITED", 429, "auth.rateLimitedSeconds", { seconds: 3 }, { retryAfterSeconds: 3 }),
    );
    expect([refused.status, refused.headers.get("retry-after"), refused.headers.get("content-type")]).toEqual([429, "3", "application/json; charset=utf-8"]);
    expect(JSON.parse(Buffer.from(wholeBodyOf(refused)!).toString())).toMatchObject({ error: { code: "RATE_LIMITED" } });
  });
});
