import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { compressWhenAccepted } from "./compress";
import { fetchRequest, sendResponse } from "./request-handler";
import { wholeBodyOf, wholeResponse } from "./whole-body";

let close: (() => void) | undefined;
afterEach(() => close?.());

/** The production middleware order in front of one handler that answers with a Fetch API response. */
async function serve(answer: (request: Request) => Promise<Response>, trustProxy: boolean | string = false) {
  const app = express();
  app.set("trust proxy", trustProxy);
  app.use(compressWhenAccepted());
  app.all(/.*/, async (req, res, next) => {
    try {
      await sendResponse(res, await answer(fetchRequest(req, res)));
    } catch (error) {
      next(error);
    }
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  close = () => server.close();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A request as a client sends it (node:http: any Host header, no encoding unless asked). */
function call(url: string, { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

const page = Buffer.from(`<!DOCTYPE html><p>${"수요 요청 ".repeat(2000)}</p>`);

describe("answers from React Router (ADR 0051)", () => {
  it("writes a whole document as its bytes, with its status and every header, repeated ones too", async () => {
    const base = await serve(async () => {
      const headers = new Headers({ "Content-Type": "text/html", "Content-Length": String(page.byteLength) });
      headers.append("Set-Cookie", "a=1; Path=/");
      headers.append("Set-Cookie", "b=2; Path=/");
      return wholeResponse(page, { status: 404, statusText: "Not Found", headers });
    });
    const res = await call(`${base}/x`);
    expect(res.status).toBe(404);
    expect(res.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(res.body.equals(page)).toBe(true);
  });

  it("streams any other body as it comes, and ends an answer without one", async () => {
    const base = await serve(async (request) => {
      if (request.method === "HEAD" || new URL(request.url).pathname === "/empty") return new Response(null, { status: 204 });
      const parts = ["one,", "two,", "three"];
      return new Response(
        new ReadableStream({
          pull(controller) {
            const next = parts.shift();
            if (next === undefined) controller.close();
            else controller.enqueue(new TextEncoder().encode(next));
          },
        }),
        { headers: { "Content-Type": "text/csv" } },
      );
    });
    expect((await call(`${base}/file.csv`)).body.toString()).toBe("one,two,three");
    const empty = await call(`${base}/empty`);
    expect([empty.status, empty.body.byteLength]).toEqual([204, 0]);
  });

  it("compresses for a client that accepts gzip, and says on every answer that it varies by that", async () => {
    const base = await serve(async () => wholeResponse(page, { headers: { "Content-Type": "text/html" } }));
    const gzipped = await call(`${base}/`, { headers: { "Accept-Encoding": "gzip" } });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.body.byteLength).toBeLessThan(page.byteLength / 10);
    expect(gunzipSync(gzipped.body).equals(page)).toBe(true);
    expect(gzipped.headers.vary).toBe("Accept-Encoding");
    const plain = await call(`${base}/`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(page)).toBe(true);
    expect(plain.headers.vary).toBe("Accept-Encoding");
  });

  it("hands React Router the method, the URL with the client's host and port, the headers and the body", async () => {
    const base = await serve(async (request) =>
      Response.json({ method: request.method, url: request.url, type: request.headers.get("content-type"), body: await request.text() }),
    );
    const sent = await call(`${base}/requests?state=screening`, {
      method: "POST",
      headers: { "Content-Type": "text/plain", Host: "ax.example.go.kr:8443" },
      body: "제목=의료 AI",
    });
    expect(JSON.parse(sent.body.toString())).toEqual({
      method: "POST",
      url: "http://ax.example.go.kr:8443/requests?state=screening",
      type: "text/plain",
      body: "제목=의료 AI",
    });
  });

  it("believes a forwarded host's port only from a trusted proxy", async () => {
    const echo = async (request: Request) => new Response(request.url);
    const headers = { Host: "ax.example.go.kr", "X-Forwarded-Host": "ax.go.kr:9443", "X-Forwarded-Proto": "https" };
    expect((await call(`${await serve(echo)}/a`, { headers })).body.toString()).toBe("http://ax.example.go.kr/a");
    close?.();
    expect((await call(`${await serve(echo, "loopback")}/a`, { headers })).body.toString()).toBe("https://ax.go.kr:9443/a");
  });

  it("aborts the request's work when the client goes away", async () => {
    let aborted: () => void = () => {};
    const wasAborted = new Promise<void>((resolve) => (aborted = resolve));
    let started: () => void = () => {};
    const hasStarted = new Promise<void>((resolve) => (started = resolve));
    const base = await serve(
      (request) =>
        new Promise<Response>((resolve) => {
          request.signal.addEventListener("abort", () => {
            aborted();
            resolve(new Response("late"));
          });
          started();
        }),
    );
    const client = new AbortController();
    const call = fetch(`${base}/slow`, { signal: client.signal }).catch(() => "gone");
    await hasStarted;
    client.abort();
    await wasAborted;
    expect(await call).toBe("gone");
  });
});

describe("whole bodies", () => {
  it("are marked only on the response made with them", () => {
    const whole = wholeResponse(page, {});
    expect(wholeBodyOf(whole)).toBe(page);
    expect(wholeBodyOf(new Response(page))).toBeUndefined();
    expect(wholeBodyOf(whole.clone())).toBeUndefined();
  });
});
