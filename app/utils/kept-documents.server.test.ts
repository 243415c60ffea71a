import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { seedUsers } from "~/test/fixtures";
import type { CurrentUser } from "~/modules/auth/session.server";
import { SECRETARIAT_EMAIL, userByEmail } from "~/modules/seed/drive.server";
import { documentCsp } from "../../server/http-headers";
import { wholeBodyOf, wholeResponse } from "../../server/whole-body";
import { setClock } from "./clock";
import { db, dbEngine } from "./db.server";
import { answerFrom, answerKept, documentKey, KEPT_DOCUMENT_MAX_BYTES, keptDocumentMiddleware, keptOf, neverKeep } from "./kept-documents.server";
import { createLoadContext, userContext } from "./request-context.server";
import { memoSize, memoUntilWrite } from "./lean-read.server";
import { documentNonce } from "./nonce.server";

beforeAll(async () => {
  await seedUsers();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A document as entry.server.tsx answers it: the nonce in its scripts and its policy. */
function document(body: (nonce: string) => string, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const nonce = documentNonce();
  const html = Buffer.from(body(nonce));
  return wholeResponse(html, {
    status: init.status ?? 200,
    headers: {
      "Content-Type": "text/html",
      "Content-Length": String(html.byteLength),
      "Content-Security-Policy": documentCsp(nonce),
      ...init.headers,
    },
  });
}

const page = (text: string) => (nonce: string) =>
  `<!DOCTYPE html><html lang="ko"><head><script nonce="${nonce}">window.a=1</script></head><body>${text}<script nonce="${nonce}" type="module">import("/x")</script></body></html>`;

/** The nonce an answer's policy allows, and its body as text. */
async function read(response: Response) {
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("Content-Security-Policy") ?? "")![1];
  return { nonce, html: Buffer.from(wholeBodyOf(response)!).toString("utf8") };
}

/** A commit by the app's connection (the kept documents' version moves). */
async function commit() {
  const { count } = await db.user.updateMany({ where: { email: SECRETARIAT_EMAIL }, data: { updatedAt: new Date() } });
  expect(count).toBe(1);
}

/** `render` with a count of its calls. */
function counted(make: () => Response) {
  const render = async () => {
    render.calls++;
    return make();
  };
  render.calls = 0;
  return render;
}

describe("kept documents (ADR 0062)", () => {
  it.skipIf(dbEngine === "postgresql")("answers the same request from its kept copy with a new nonce, until the next commit", async () => {
    const render = counted(() => document(page("요청 목록")));
    const first = await read(await answerKept("test-same", render));
    const second = await read(await answerKept("test-same", render));
    expect(render.calls).toBe(1);
    expect(second.nonce).not.toBe(first.nonce);
    // the same document, the nonce written anew wherever it was
    expect(second.html).toBe(first.html.replaceAll(first.nonce, second.nonce));
    expect(second.html.split(`nonce="${second.nonce}"`)).toHaveLength(3);
    expect(second.html).not.toContain(first.nonce);

    await commit();
    const third = await read(await answerKept("test-same", render));
    expect(render.calls).toBe(2);
    expect(third.nonce).not.toBe(second.nonce);
  });

  it.skipIf(dbEngine === "postgresql")("renders again on another day", async () => {
    const render = counted(() => document(page("마감일")));
    await answerKept("test-day", render);
    await answerKept("test-day", render);
    expect(render.calls).toBe(1);
    const restore = setClock(new Date(Date.now() + 86_400_000));
    try {
      await answerKept("test-day", render);
    } finally {
      restore();
    }
    expect(render.calls).toBe(2);
  });

  it.skipIf(dbEngine === "postgresql")("requests that arrive while the first renders wait for it, and each gets its own nonce", async () => {
    const render = counted(() => document(page("동시 요청")));
    const answers = await Promise.all(Array.from({ length: 5 }, () => answerKept("test-together", render)).map((a) => a.then(read)));
    expect(render.calls).toBe(1);
    expect(new Set(answers.map((a) => a.nonce)).size).toBe(5);
    for (const a of answers) expect(a.html).toBe(answers[0].html.replaceAll(answers[0].nonce, a.nonce));
  });

  it("keeps nothing but a whole HTML document answered 200 without a cookie", async () => {
    const cases: [string, () => Response][] = [
      ["not found", () => document(page("없음"), { status: 404 })],
      ["a cookie set", () => document(page("언어"), { headers: { "Set-Cookie": "lang=en; Path=/" } })],
      ["not HTML", () => wholeResponse(Buffer.from("a,b"), { headers: { "Content-Type": "text/csv" } })],
      [
        "a stream, not a whole body",
        () => new Response("<html></html>", { headers: { "Content-Type": "text/html", "Content-Security-Policy": documentCsp("abc") } }),
      ],
      ["no nonce", () => wholeResponse(Buffer.from("<html></html>"), { headers: { "Content-Type": "text/html" } })],
      ["too large", () => document(() => "x".repeat(KEPT_DOCUMENT_MAX_BYTES + 1))],
    ];
    for (const [what, make] of cases) {
      expect(keptOf(make()), what).toBeNull();
      const render = counted(make);
      const key = `test-not-kept-${what}`;
      const first = await answerKept(key, render);
      const second = await answerKept(key, render);
      expect(render.calls, what).toBe(2); // each rendered its own
      expect(first.status).toBe(second.status);
    }
  });

  it.skipIf(dbEngine === "postgresql")("keeps at most 200 documents, and never pushes out the pages' other kept values", async () => {
    let derived = 0;
    const value = () => memoUntilWrite("test-kept-value", "", async () => ++derived);
    await value();
    for (let i = 0; i < 250; i++) await answerKept(`test-many-${i}`, async () => document(page(`${i}`)));
    expect(memoSize("documents")).toBe(200);
    expect(await value()).toBe(1);
  });

  it("a kept document's answer carries its headers, a new policy and its own length", async () => {
    const kept = keptOf(document(page("머리글"), { headers: { "Cache-Control": "no-store", Vary: "Accept-Encoding" } }))!;
    const answer = answerFrom(kept);
    const { nonce, html } = await read(answer);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("text/html");
    expect(answer.headers.get("Cache-Control")).toBe("no-store");
    expect(answer.headers.get("Vary")).toBe("Accept-Encoding");
    expect(answer.headers.get("Content-Security-Policy")).toBe(documentCsp(nonce));
    expect(Number(answer.headers.get("Content-Length"))).toBe(Buffer.byteLength(html));
    expect(html).toContain(`<script nonce="${nonce}">`);
  });

  it("a failed render is never kept: the next request renders, and those that waited render their own", async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      if (calls === 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error("render failed");
      }
      return document(page("다시"));
    };
    const [first, waited] = await Promise.allSettled([answerKept("test-failed", failing), answerKept("test-failed", failing)]);
    expect(first.status).toBe("rejected");
    expect(waited.status).toBe("fulfilled");
    expect(calls).toBe(2);
  });

  it("the key differs for another user, address, session, language cookie or accepted language", () => {
    const url = new URL("http://localhost:3000/requests?state=screening");
    const headers = (h: Record<string, string>) => new Headers({ Cookie: "ax_session=abc; lang=ko", "Accept-Language": "ko", ...h });
    const base = documentKey("u1", url, headers({}));
    expect(documentKey("u1", new URL(url), headers({}))).toBe(base);
    const others = [
      documentKey("u2", url, headers({})),
      documentKey("u1", new URL("http://localhost:3000/requests?state=draft"), headers({})),
      documentKey("u1", new URL("http://127.0.0.1:3000/requests?state=screening"), headers({})),
      documentKey("u1", url, headers({ Cookie: "ax_session=abd; lang=ko" })),
      documentKey("u1", url, headers({ Cookie: "ax_session=abc; lang=en" })),
      documentKey("u1", url, headers({ "Accept-Language": "en" })),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it.skipIf(dbEngine === "postgresql")("the middleware keeps a signed-in user's GET document only, and never one its loader said not to", async () => {
    vi.stubEnv("DEV", false); // off in development (the tests run as development)
    const secretariat = await userByEmail(SECRETARIAT_EMAIL);
    type Context = Parameters<typeof neverKeep>[0];
    interface Options {
      user?: CurrentUser | null;
      method?: string;
      document?: boolean;
      /** what the page's loaders do with the request's context */
      loader?: (context: Context) => void;
    }
    /** One request through the middleware. */
    const request = async (path: string, { user = secretariat, method = "GET", document: isDocument = true, loader = () => {} }: Options) => {
      const context = createLoadContext({ clientIp: "test", document: isDocument });
      context.set(userContext, user);
      const url = new URL(`http://localhost${path}`);
      const args = { request: new Request(url, { method, headers: { Cookie: "ax_session=test" } }), context, url, params: {} };
      return keptDocumentMiddleware(args as unknown as Parameters<typeof keptDocumentMiddleware>[0], async () => {
        loader(context);
        return document(page(path));
      });
    };
    /** How many of three such requests rendered. */
    const renders = async (path: string, options: Options = {}) => {
      let calls = 0;
      for (let i = 0; i < 3; i++) {
        await request(path, {
          ...options,
          loader: (context) => {
            calls++;
            options.loader?.(context);
          },
        });
      }
      return calls;
    };
    expect(await renders("/pool?test=kept")).toBe(1);
    expect(await renders("/audit?verify=1&test=never", { loader: neverKeep })).toBe(3);
    expect(await renders("/pool?test=anonymous", { user: null })).toBe(3);
    expect(await renders("/pool?test=data", { document: false })).toBe(3);
    expect(await renders("/pool?test=post", { method: "POST" })).toBe(3);
    vi.stubEnv("KEPT_DOCUMENTS", "off");
    expect(await renders("/pool?test=off")).toBe(3);
  });
});
