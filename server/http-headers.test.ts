import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CSP, documentCsp, securityHeaders, trustProxySetting } from "./http-headers";
import { requestLog } from "./log";

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A tiny app with the production middleware in front of three kinds of answer. */
async function serve(trustProxy: boolean | number | string) {
  const app = express();
  app.set("trust proxy", trustProxy);
  app.use(requestLog());
  app.use(securityHeaders());
  app.get("/json", (_req, res) => void res.json({ ok: true }));
  app.get("/file", (_req, res) => void res.setHeader("Cache-Control", "public, max-age=60").send("x"));
  app.get("/doc", (_req, res) => void res.setHeader("Content-Security-Policy", documentCsp("abc")).send("<p>"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  close = () => server.close();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("security headers", () => {
  it("answers are not cached and cannot run scripts unless the route says otherwise", async () => {
    const base = await serve(false);
    const json = await fetch(`${base}/json`);
    expect(json.headers.get("cache-control")).toBe("no-store");
    expect(json.headers.get("content-security-policy")).toBe(DEFAULT_CSP);
    expect(json.headers.get("permissions-policy")).toContain("camera=()");
    expect(json.headers.get("x-content-type-options")).toBe("nosniff");
    const file = await fetch(`${base}/file`);
    expect(file.headers.get("cache-control")).toBe("public, max-age=60");
    const doc = await fetch(`${base}/doc`);
    expect(doc.headers.get("content-security-policy")).toContain("script-src 'self' 'nonce-abc'");
  });

  it("a document's script policy has a nonce and never unsafe-inline", () => {
    const scriptSrc = documentCsp("n0nce")
      .split("; ")
      .find((d) => d.startsWith("script-src"));
    expect(scriptSrc).toBe("script-src 'self' 'nonce-n0nce'");
  });

  it("HSTS and a client-sent request id are believed only from a trusted proxy", async () => {
    const headers = { "X-Forwarded-Proto": "https", "X-Request-Id": "edge-42" };
    const direct = await fetch(`${await serve(false)}/json`, { headers });
    expect(direct.headers.get("strict-transport-security")).toBeNull();
    expect(direct.headers.get("x-request-id")).not.toBe("edge-42");
    expect(direct.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    close?.();
    const proxied = await fetch(`${await serve("loopback")}/json`, { headers });
    expect(proxied.headers.get("strict-transport-security")).toContain("max-age=31536000");
    expect(proxied.headers.get("x-request-id")).toBe("edge-42");
  });
});

describe("TRUST_PROXY", () => {
  it("is off unless set, and reads hop counts, true and address lists", () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting("")).toBe(false);
    expect(trustProxySetting("false")).toBe(false);
    expect(trustProxySetting("1")).toBe(1);
    expect(trustProxySetting("true")).toBe(true);
    expect(trustProxySetting("loopback, 10.0.0.0/8")).toBe("loopback, 10.0.0.0/8");
  });
});
