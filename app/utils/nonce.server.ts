/**
 * A document's CSP nonce (16 random bytes, base64), cut from a pool of random bytes filled 256 nonces at a
 * time: asking the system's random source for 16 bytes per document cost ~20 µs, about 2 % of a page
 * (issue 11). The bytes come from the same CSPRNG (Node's own `randomUUID` keeps such a pool), each byte
 * is used once, and the pool is zeroed as it is used.
 */
import { randomFillSync } from "node:crypto";

const NONCE_BYTES = 16;
const pool = Buffer.alloc(NONCE_BYTES * 256);
let next = pool.length; // empty: filled on first use

export function documentNonce(): string {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const slice = pool.subarray(next, next + NONCE_BYTES);
  next += NONCE_BYTES;
  const nonce = slice.toString("base64");
  slice.fill(0);
  return nonce;
}
