import { describe, expect, it } from "vitest";
import { documentNonce } from "./nonce.server";

describe("a document's nonce", () => {
  it("is 16 bytes in base64, and no two of thousands (past several refills of the pool) are alike", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const nonce = documentNonce();
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
      seen.add(nonce);
    }
    expect(seen.size).toBe(5_000);
    // every byte value turns up (a zeroed or fixed pool would not)
    const bytes = new Set([...seen].flatMap((n) => [...Buffer.from(n, "base64")]));
    expect(bytes.size).toBe(256);
  });
});
